using System.Globalization;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Tests;
using CxPlus.Scoring;

namespace CxPlus.Reports.Tests;

/// <summary>A sector of 200 ranked brands and 30 unranked ones (110 customers and 55 prospects per ranked brand).</summary>
public sealed class LargeSector : IAsyncLifetime
{
    private readonly Files _files = new();
    public PostgresDatabase Database { get; } = new();
    public LeagueQueries Queries => new(Database.DataSource, ScoringSettings.Default);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var rng = new Random(200);
        var rows = new List<string>();
        for (var b = 0; b < 230; b++)
        {
            var level = 4 + rng.NextDouble() * 4;
            var (customers, prospects) = b < 200 ? (110, 55) : (20, 10);
            for (var i = 0; i < customers + prospects; i++)
            {
                string Rating() => Math.Clamp((int)Math.Round(level + rng.NextDouble() * 4 - 2), 0, 10).ToString(CultureInfo.InvariantCulture);
                rows.Add($"W1,Big,Brand {b:000},r{i},{(i < customers ? "customer" : "prospect")},{Rating()},{Rating()},{Rating()},{Rating()},{Rating()},,{(i < customers ? Rating() : "")},,");
            }
        }
        var result = await new ResponseImporter(Database.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(_files.Lines(Files.Header, rows), new ImportOptions("big.csv", "test"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        _files.Dispose();
    }
}

/// <summary>The review's 200-brand report ran to 12 pages of league table: the report shows the brand's neighbourhood instead.</summary>
public sealed class LargeSectorReportTests(LargeSector store) : IClassFixture<LargeSector>
{
    [Fact]
    public async Task A_report_in_a_200_brand_sector_shows_the_leaders_and_the_brands_neighbourhood_and_stays_short()
    {
        var table = await store.Queries.LeagueAsync("Big", "W1");
        var ranked = table.Rows.Where(r => r.Eligible).ToList();
        ranked.Should().HaveCount(200);
        var middle = ranked[100];

        var pages = BrandReport.Layout(await BrandReportData.LoadAsync(store.Queries, "Big", "W1", middle.Brand), DateTimeOffset.UnixEpoch, Branding.Default);
        var everything = pages.SelectMany(p => p.Texts).Select(t => t.Text).ToList();
        var all = string.Join(" ", everything);
        // The league table's section: from its heading to its note (the gap map elsewhere may name other brands).
        var from = everything.IndexOf("Big league table, W1");
        var to = everything.FindIndex(from, t => t.StartsWith("200 brands are ranked", StringComparison.Ordinal));
        from.Should().BeGreaterThan(0);
        var text = everything[from..to];

        pages.Count.Should().BeLessThanOrEqualTo(5, "not 12 pages of league table");
        foreach (var shown in ranked.Take(5).Concat(ranked.Skip(95).Take(11)))
            text.Should().Contain(shown.Brand, "the leaders and the five either side of the brand are in the table");
        text.Should().NotContain(ranked[50].Brand).And.NotContain(ranked[199].Brand);
        text.Should().Contain("… 90 brands …").And.Contain("… 94 brands …");
        all.Should().Contain("200 brands are ranked; shown are the top 5 and the 5 either side of " + middle.Brand);
        all.Should().Contain("… and 22 more brands not ranked");
    }

    [Fact]
    public async Task The_excerpt_of_a_small_sector_is_the_whole_table_and_a_leader_gets_the_top_and_its_neighbours_in_one_run()
    {
        var table = await store.Queries.LeagueAsync("Big", "W1");
        var ranked = table.Rows.Where(r => r.Eligible).ToList();

        BrandReport.Excerpt(ranked.Take(25).ToList(), ranked[3]).Should().HaveCount(25).And.OnlyContain(e => e.Row != null);
        var leader = BrandReport.Excerpt(ranked, ranked[2]);
        leader.Select(e => e.Row?.Brand ?? $"…{e.Skipped}").Should().Equal([.. ranked.Take(8).Select(r => r.Brand), "…192"]);
    }

    [Fact]
    public async Task The_gap_map_of_a_200_brand_sector_names_what_matters_and_keeps_every_point_for_hover()
    {
        var table = await store.Queries.LeagueAsync("Big", "W1");
        var ranked = table.Rows.Where(r => r.Eligible).OrderBy(r => r.Rank).ToList();
        var brand = ranked[100].Brand;

        var figure = Charts.GapMapChart.Layout(table, 520, 330, brand);
        var labels = figure.Texts.Select(t => t.Text).Where(t => t.StartsWith("Brand ", StringComparison.Ordinal)).ToList();

        labels.Should().Contain(brand).And.Contain(ranked[0].Brand).And.Contain(ranked[^1].Brand);
        labels.Count.Should().BeLessThanOrEqualTo(11, "the brand, three leaders, the last three and two gaps either way");
        figure.Points.Should().HaveCount(table.Rows.Count(r => r.Result.Performance is not null && r.Result.Gap is not null), "every brand keeps its summary on hover");
        figure.Texts.Should().NotContain(t => figure.Texts.Any(o => !ReferenceEquals(o, t) && o.Bounds.Intersects(t.Bounds)), "no name overlaps another");
    }

    [Fact]
    public async Task The_lead_and_last_sentences_of_a_200_brand_sector_name_a_few_and_count_the_rest()
    {
        // The league page of the 200-brand sector opened with a paragraph naming 68 brands.
        var table = await store.Queries.LeagueAsync("Big", "W1");
        table.Leaders.Count.Should().BeGreaterThan(LeagueReading.Named, "the sector's lead is shared widely");

        var lead = LeagueReading.Lead(table)!;
        var last = LeagueReading.Last(table)!;

        lead.Should().Be($"The lead in Big is shared between {table.Leaders.Count} brands ({string.Join(", ", table.Leaders.Take(5))} and {table.Leaders.Count - 5} more): the data cannot separate them.");
        last.Should().Be($"{table.CanBeLast.Count} brands may be last ({string.Join(", ", table.CanBeLast.Take(5))} and {table.CanBeLast.Count - 5} more).");
        LeagueReading.Lead(["A", "B", "C"], 10, "S").Should().Be("The lead in S is shared between A, B and C: the data cannot separate them.");
    }
}
