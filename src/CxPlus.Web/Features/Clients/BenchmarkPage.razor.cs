using System.Globalization;
using CxPlus.Data.Clients;
using CxPlus.Reports.Charts;
using CxPlus.Reports.Drawing;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Web.Components.Charts;
using Microsoft.AspNetCore.Components;

namespace CxPlus.Web.Features.Clients;

/// <summary>
/// A member's view of the benchmark: its own brands' success factors in full beside the sector's
/// average and best (no brand named), and the league table and gap map of every brand's published
/// headline. Every read goes through <see cref="ClientReads"/> with the signed-in client's scope.
/// </summary>
public partial class BenchmarkPage
{
    [Parameter] public string? Sector { get; set; }
    [Parameter] public string? Wave { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? Direction { get; set; }
    /// <summary>Step 26: a segment view (both or neither), e.g. <c>?segment=age&amp;category=18-34</c>.</summary>
    [SupplyParameterFromQuery(Name = "segment")] public string? SegmentName { get; set; }
    [SupplyParameterFromQuery(Name = "category")] public string? Category { get; set; }

    private ClientScope? _scope;
    private Published? _view;
    private IReadOnlyList<string> _waves = [];
    private IReadOnlyList<BrandResult> _own = [];
    /// <summary>The client's brands of this sector, and per wave (oldest first) each one's published row; null where it has none.</summary>
    private IReadOnlyList<string> _ownNames = [];
    private IReadOnlyList<(string Wave, IReadOnlyList<LeagueRow?> Rows)> _trend = [];
    private Figure _gapMap = new(1, 1), _gapMapNarrow = new(1, 1);
    private IReadOnlyList<Data.League.SegmentInfo> _segments = [];
    private Data.League.SectorAlerts? _alerts;

    protected override async Task LoadAsync(CancellationToken ct)
    {
        (_view, _waves, _own, _ownNames, _trend, _segments, _alerts) = (null, [], [], [], [], [], null);
        var user = await SignedInUserAsync();
        _scope = await Reads.ScopeOfAsync(user, ct);
        if (_scope is null || _scope.Brands.Count == 0) return;
        // The first of its sectors, else the one the link names (a sector it holds no brand in is "not there").
        var sector = Sector ?? _scope.Sectors[0];
        _waves = await Reads.WavesAsync(_scope, sector, ct);
        var wave = Wave ?? (_waves.Count > 0 ? _waves[^1] : null);
        if (wave is null) return;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        string Anonymous(int k) => Texts.Format("Benchmark.AnonymousBrand", k);
        (string, string)? segment = !string.IsNullOrWhiteSpace(SegmentName) && !string.IsNullOrWhiteSpace(Category) ? (SegmentName, Category) : null;
        _view = await Reads.LeagueAsync(_scope, sector, wave, Anonymous, language, ct, segment);
        _own = await Reads.OwnBrandsAsync(_scope, _view.Table, ct);
        _segments = await Reads.SegmentsAsync(_scope, _view.Table.Sector, _view.Table.Wave, ct);
        _alerts = _view.Table.Segment is null ? await Reads.AlertsAsync(_scope, _view.Table.Sector, _view.Table.Wave, ct) : null;
        _ownNames = [.. _scope.Brands.Where(b => Scoring.Names.Same(b.Sector, _view.Table.Sector)).Select(b => b.Brand)];
        // Its brands over the waves: each wave's published table (cached per scope, like this one); a segment view is this wave's.
        var trend = new List<(string, IReadOnlyList<LeagueRow?>)>();
        foreach (var w in _view.Table.Segment is null ? _waves : [])
        {
            var inWave = w == _view.Table.Wave ? _view.Table : (await Reads.LeagueAsync(_scope, _view.Table.Sector, w, Anonymous, language, ct)).Table;
            trend.Add((w, [.. _ownNames.Select(inWave.Find)]));
        }
        _trend = trend;
        // Laid out once per view and language (the view is the scope's own, cached), as the league page shares its own.
        var table = _view.Table;
        _gapMap = SharedFigures.Of(table, "gap-map", () => GapMapChart.Layout(table, 980, 520));
        _gapMapNarrow = SharedFigures.Of(table, "gap-map-narrow", () => GapMapChart.Layout(table, 400, 420, fontSize: 12));
    }

    private static string Link(string sector, string? wave) => BenchmarkLinks.Of(sector, wave);


    /// <summary>Its own brands open their full page; another brand's row links nowhere.</summary>
    private string? OwnLink(string brand) => Own(brand) ? BenchmarkLinks.Brand(_view!.Table.Sector, _view.Table.Wave, brand) : null;

    private bool Own(string brand) => _scope!.Brands.Any(b => b.Sector == _view!.Table.Sector && Scoring.Names.Same(b.Brand, brand));
}

/// <summary>The addresses of a member's pages: its benchmark of a sector (and wave), and its own brand's page.</summary>
public static class BenchmarkLinks
{
    public static string Of(string sector, string? wave) =>
        wave is null ? $"/benchmark/{Uri.EscapeDataString(sector)}" : $"/benchmark/{Uri.EscapeDataString(sector)}/waves/{Uri.EscapeDataString(wave)}";

    public static string Brand(string sector, string wave, string brand) => $"{Of(sector, wave)}/brands/{Uri.EscapeDataString(brand)}";

    /// <summary>What the customers of one of the member's brands wrote (its comments page).</summary>
    public static string Comments(string sector, string wave, string brand) => $"{Brand(sector, wave, brand)}/comments";

    /// <summary>The read API's address of the brand (its reports are under it).</summary>
    public static string BrandApi(string sector, string wave, string brand) => "/api/v1/benchmark" + Components.Links.Brand(sector, wave, brand);
}
