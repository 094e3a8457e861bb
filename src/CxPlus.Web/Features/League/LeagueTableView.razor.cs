using CxPlus.Reports;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Scoring.Lenses;
using CxPlus.Web.Components;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CxPlus.Web.Features.League;

/// <summary>The code of the league table: its columns, their sort and the rows shown; its markup is LeagueTableView.razor.</summary>
public partial class LeagueTableView
{
    [Parameter, EditorRequired] public LeagueTable Table { get; set; } = null!;
    /// <summary>The column sorted by (its key), or null for rank order.</summary>
    [Parameter] public string? Sort { get; set; }
    [Parameter] public bool Descending { get; set; }
    /// <summary>Null for every brand, "ranked" for the ranked ones only, or a verdict key (e.g. "under-delivers").</summary>
    [Parameter] public string? Show { get; set; }
    /// <summary>The link to this table sorted by a column in a direction (the page keeps the rest of its state).</summary>
    [Parameter] public Func<string, bool, string> SortLink { get; set; } = (key, descending) => $"?sort={key}&dir={(descending ? "desc" : "asc")}";
    /// <summary>Where a brand's name leads (null: plain text); by default its brand page.</summary>
    [Parameter] public Func<string, string?>? BrandLink { get; set; }
    /// <summary>Brands whose rows stand out (a client's own).</summary>
    [Parameter] public Func<string, bool>? Highlighted { get; set; }

    // In a segment view, a brand's page opens in the same segment view.
    private string? Link(string brand) => BrandLink is null ? Links.InSegment(Links.Brand(Table.Sector, Table.Wave, brand), Table) : BrandLink(brand);

    /// <summary>A column: its key (also its texts' key, Column.{key} and Column.{key}.Tip), alignment, first sort direction and sort value.</summary>
    public sealed record Column(string Key, bool Numeric, bool DescendingFirst, Func<LeagueRow, IComparable?> Value);

    private static int VerdictOrder(Verdict? v) => v is { } x ? (int)x : -1;

    public static readonly Column[] Columns =
    [
        new("rank", false, false, r => r.Rank),
        new("brand", false, false, r => r.Brand.ToUpperInvariant()),
        new("index", true, true, r => r.Index?.Value),
        new("position", false, true, r => r.VersusAverage?.Difference.Value),
        new("score", true, true, r => r.Result.Score?.Value),
        new("performance", true, true, r => r.Result.Performance?.Value),
        new("expectation", true, true, r => r.Result.Expectation?.Value),
        new("gap", true, true, r => r.Result.Gap?.Value),
        new("verdict", false, false, r => VerdictOrder(r.Result.Verdict)),
        new("base", true, true, r => r.Result.Customers.N),
        new("movement", true, true, r => r.Movement?.Change.Value),
    ];

    private IReadOnlyList<LeagueRow> Ranked => [.. Order(Table.Rows.Where(r => r.Eligible && Shown(r)))];
    private IReadOnlyList<LeagueRow> Unranked => Show == "ranked" ? [] : [.. Table.Rows.Where(r => !r.Eligible && Shown(r))];

    private bool Shown(LeagueRow row) => Show is null or "ranked" || VerdictKey(row.Result.Verdict) == Show;

    public static string? VerdictKey(Verdict? verdict) => verdict?.DisplayName().ToLowerInvariant().Replace(' ', '-');

    /// <summary>The rows in the chosen order; rows without a value last, whatever the direction; rank order breaks ties.</summary>
    private IEnumerable<LeagueRow> Order(IEnumerable<LeagueRow> rows)
    {
        if (Sort == "range")
            return Descending ? rows.OrderByDescending(r => r.RankRange?.Low).ThenByDescending(r => r.RankRange?.High)
                              : rows.OrderBy(r => r.RankRange?.Low).ThenBy(r => r.RankRange?.High).ThenBy(r => r.Rank);
        var column = Columns.FirstOrDefault(c => c.Key == Sort) ?? Columns[0];
        var withValue = rows.Where(r => column.Value(r) is not null);
        var ordered = Descending ? withValue.OrderByDescending(column.Value) : withValue.OrderBy(column.Value);
        return ordered.ThenBy(r => r.Rank).Concat(rows.Where(r => column.Value(r) is null));
    }

    private bool IsSorted(string key) => (Sort ?? "rank") == key;

    private bool NextDescending(Column c) => IsSorted(c.Key) ? !Descending : c.DescendingFirst;

    private string? AriaSort(string key) => IsSorted(key) ? (Descending ? "descending" : "ascending") : null;

    private string Arrow(string key) => IsSorted(key) ? (Descending ? " ↓" : " ↑") : "";

    private string IndexTip(LeagueRow row) => row.Index?.Low is null ? ""
        : Texts.Format("Interval.Labelled", Display.Percent(Table.Settings.ConfidenceLevel), Display.IndexInterval(row.Index));

    private static string Numbers(BrandResult r) => string.Join(", ", new[]
    {
        r.Score is null ? null : Texts.Format("Unranked.Score", Display.Score(r.Score.Value)),
        r.Performance is null ? null : Texts.Format("Unranked.Performance", Display.Score(r.Performance.Value)),
        r.Gap is null ? null : Texts.Format("Unranked.Gap", Display.Signed(r.Gap.Value)),
        Texts.Format("Unranked.Base", r.Customers.N, r.Prospects.N),
    }.OfType<string>());

    internal static string GapClass(double? gap) => Display.Sign(gap) switch { < 0 => "gap-negative", > 0 => "gap-positive", _ => "" };
}
