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

    /// <summary>
    /// A sortable column: its key (also its texts' key, Column.{key} and Column.{key}.Tip), alignment, first sort
    /// direction and sort value, which is the catalogue's column's value (<see cref="LeagueColumns"/>, issue #26:
    /// the table is declared once for the page and every file).
    /// </summary>
    public sealed record Column(string Key, bool Numeric, bool DescendingFirst, Func<LeagueTable, LeagueRow, IComparable?> Value)
    {
        public Column(string key, bool numeric, bool descendingFirst, string catalogueKey)
            : this(key, numeric, descendingFirst, (t, r) => LeagueColumns.Get(catalogueKey).Value(t, r) as IComparable) { }
    }

    private static int VerdictOrder(Verdict? v) => v is { } x ? (int)x : -1;

    public static readonly Column[] Columns =
    [
        new("rank", false, false, "rank"),
        new("brand", false, false, (_, r) => r.Brand.ToUpperInvariant()), // case-blind, unlike the catalogue's name as written
        new("index", true, true, "cx_index"),
        new("position", false, true, "vs_average"),
        new("score", true, true, "cx_score"),
        new("performance", true, true, "performance"),
        new("expectation", true, true, "expectation"),
        new("gap", true, true, "gap"),
        new("verdict", false, false, (_, r) => VerdictOrder(r.Result.Verdict)), // in the verdicts' order, not alphabetical in a language
        new("base", true, true, "n_customers"),
        new("movement", true, true, "score_change"),
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
        IComparable? Value(LeagueRow r) => column.Value(Table, r);
        var withValue = rows.Where(r => Value(r) is not null);
        var ordered = Descending ? withValue.OrderByDescending(Value) : withValue.OrderBy(Value);
        return ordered.ThenBy(r => r.Rank).Concat(rows.Where(r => Value(r) is null));
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
