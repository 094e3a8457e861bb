using CxPlus.Data.League;
using CxPlus.Reports;
using CxPlus.Reports.Charts;
using CxPlus.Reports.Drawing;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Lenses;
using CxPlus.Web.Components;
using CxPlus.Web.Components.Charts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CxPlus.Web.Features.League;

/// <summary>The code of the league page: which sector, wave, lens and view the link asks for, and the table, figures and sections it loads; its markup is LeaguePage.razor.</summary>
public partial class LeaguePage
{
    [Parameter] public string? Sector { get; set; }
    [Parameter] public string? Wave { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? Direction { get; set; }
    [SupplyParameterFromQuery(Name = "show")] public string? Show { get; set; }
    [SupplyParameterFromQuery(Name = "lens")] public string? LensKey { get; set; }
    /// <summary>"gaps" for the heatmap of factor gaps; else customers' scores against the sector average.</summary>
    [SupplyParameterFromQuery(Name = "heatmap")] public string? Heatmap { get; set; }
    /// <summary>"index" for the sector trend of the CX+ index; else of the CX+ score.</summary>
    [SupplyParameterFromQuery(Name = "trend")] public string? Trend { get; set; }
    /// <summary>Step 26: a segment view (both or neither), e.g. <c>?segment=age&amp;category=18-34</c>.</summary>
    [SupplyParameterFromQuery(Name = "segment")] public string? SegmentName { get; set; }
    [SupplyParameterFromQuery(Name = "category")] public string? Category { get; set; }

    private IReadOnlyList<SectorInfo> _sectors = [];
    private LeagueTable? _table;
    private IReadOnlyList<LeagueTable> _history = [];
    private Figure _gapMap = new(1, 1), _gapMapNarrow = new(1, 1);
    private IReadOnlyList<LensTable> _lenses = [];
    private LensTable? _lens;
    private DriverResult? _drivers, _pillarDrivers;
    private IReadOnlyList<SegmentInfo> _segments = [];
    /// <summary>How many comments the wave holds: the link to them shows when there are any.</summary>
    private long _comments;

    /// <summary>The segment view the link asks for; null for the whole brands.</summary>
    private bool InSegment => !string.IsNullOrWhiteSpace(SegmentName) && !string.IsNullOrWhiteSpace(Category);

    private string Level => Display.Percent(_table!.Settings.ConfidenceLevel);

    private SectorInfo? CurrentSector => _sectors.FirstOrDefault(s => s.Name == _table?.Sector);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        // The page is reused when only the link's query changes: nothing of the last view may linger.
        (_lenses, _lens, _drivers, _pillarDrivers, _history, _segments) = ([], null, null, null, [], []);
        _sectors = await Queries.SectorsAsync(ct);
        var withData = _sectors.Where(s => s.Waves.Count > 0).ToList();
        if (withData.Count == 0) { _sectors = []; return; }
        if (Sector is null || Wave is null)
        {
            // Home: the latest wave in which some brand is ranked, in the first sector that has it.
            var latest = new List<LeagueTable>();
            foreach (var s in withData) latest.Add(await Queries.LatestRankedAsync(s, ct));
            var ranked = latest.Where(t => t.Rows.Any(r => r.Eligible)).ToList();
            var candidates = ranked.Count > 0 ? ranked : latest;
            var newest = candidates.Select(t => t.Wave).Max(StringComparer.Ordinal);
            _table = candidates.First(t => t.Wave == newest);
        }
        else _table = InSegment ? await Queries.SegmentLeagueAsync(Sector, Wave, SegmentName!, Category!, ct) : await Queries.LeagueAsync(Sector, Wave, ct);
        if (_table.Rows.Count == 0) return;
        _segments = await Queries.SegmentsAsync(_table.Sector, _table.Wave, ct);
        _comments = (await Queries.CommentCountAsync(_table.Sector, _table.Wave, ct)).Comments;
        var cut = _table.Segment;
        // A segment's view has its own lens tables and drivers (step 26); the sector's trend is the whole brands'.
        _lenses = cut is null
            ? await Queries.AnsweredLensesAsync(_table.Sector, _table.Wave, ct)
            : await Queries.SegmentLensesAsync(_table.Sector, _table.Wave, cut.Segment, cut.Category, ct);
        // A lens this wave did not ask (or an unknown key) shows CX+: the switcher offers what there is.
        _lens = Lenses.Parse(LensKey) is { } chosen and not Lens.Cx ? _lenses.FirstOrDefault(l => l.Lens == chosen) : null;
        if (_lens is not null)
        {
            if (_lens.Lens == Lens.Cee) _pillarDrivers = await DriversAsync(Lens.Cee, ct);
            return;
        }
        if (cut is null) _history = await Queries.HistoryAsync(_table.Sector, ct);
        _drivers = await DriversAsync(Lens.Cx, ct);
        var table = _table;
        _gapMap = SharedFigures.Of(table, "gap-map", () => GapMapChart.Layout(table, 980, 520));
        _gapMapNarrow = SharedFigures.Of(table, "gap-map-narrow", () => GapMapChart.Layout(table, 400, 420, fontSize: 12));
    }

    /// <summary>The sector's pooled key drivers, within the segment view when the page shows one.</summary>
    private Task<DriverResult> DriversAsync(Lens lens, CancellationToken ct) => _table!.Segment is { } cut
        ? Queries.SegmentDriversAsync(_table.Sector, _table.Wave, cut.Segment, cut.Category, null, lens, intervals: true, ct)
        : Queries.DriversAsync(_table.Sector, _table.Wave, null, lens, intervals: true, ct);

    private string LensLink(Lens lens) => Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["lens"] = lens == Lens.Cx ? null : lens.Key(),
        ["sort"] = null, ["dir"] = null, ["show"] = null, ["heatmap"] = null, ["trend"] = null,
    });


    /// <summary>The first two brands compared, within the segment view when the page shows one.</summary>
    private string CompareLink => Links.InSegment(Links.Compare(_table!.Sector, _table.Wave, _table.Rows.Take(2).Select(r => r.Brand)), _table);

    /// <summary>A download of the table on screen: the segment view's own when the page shows one.</summary>
    private string Download(string file) => Links.InSegment($"/api/v1{Links.League(_table!.Sector, _table.Wave)}/{file}", _table);

    private string? BrandLink(string brand) => Links.InSegment(Links.Brand(_table!.Sector, _table.Wave, brand), _table);

    private string SortLink(string key, bool descending) => Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["sort"] = key == "rank" && !descending ? null : key,
        ["dir"] = descending ? "desc" : null,
    });

    // Where each sector opens: this wave when it has it, else its latest.
    private string SectorLink(SectorInfo sector) =>
        Links.League(sector.Name, sector.Waves.Contains(_table!.Wave) ? _table.Wave : sector.Waves[^1]);

    private IEnumerable<NavSelect.Option> ShowOptions =>
        new[] { ("all", T["Show.All"].Value), ("ranked", T["Show.Ranked"].Value) }
            .Concat(Enum.GetValues<Verdict>().Select(v => (LeagueTableView.VerdictKey(v)!, Texts.Verdict(v))))
            .Select(o => new NavSelect.Option(o.Item2, Navigation.GetUriWithQueryParameter("show", o.Item1 == "all" ? null : o.Item1), o.Item1 == (Show ?? "all")));

    // The heatmap's and the trend's views are links too (kept with the sort and the filter), to their own section.
    private string HeatmapLink(bool gaps) => Navigation.GetUriWithQueryParameter("heatmap", gaps ? "gaps" : null) + "#factors";

    private string TrendLink(SectorTrendChart.Measure measure) =>
        Navigation.GetUriWithQueryParameter("trend", measure == SectorTrendChart.Measure.Index ? "index" : null) + "#trend";
}
