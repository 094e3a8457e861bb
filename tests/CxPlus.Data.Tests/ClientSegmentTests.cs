using System.Globalization;
using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issues 27 and 28 together: a member sees a segment view of its sectors' tables (step 26) as it
/// sees the whole table: every brand's published headline in the category, its own brands in full,
/// no other brand's detail, no other brand's name when competitors are anonymous, and only the
/// segments its own brands carry.
/// </summary>
public sealed class ClientSegmentTests : IAsyncLifetime, IDisposable
{
    private const string Sector = "Retail Banking", Wave = "W1";
    private readonly PostgresDatabase _db = new();
    private readonly Files _files = new();

    /// <summary>
    /// Banks A, B and C, 150 customers and 100 prospects each, in two age groups; the contact reason is
    /// asked of Bank A's and Bank B's customers only; a region only of Bank C's respondents.
    /// </summary>
    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var random = new Random(2728);
        var rows = new List<string>();
        foreach (var (bank, lift) in new[] { ("Bank A", 1), ("Bank B", 0), ("Bank C", -1) })
            for (var i = 0; i < 250; i++)
            {
                var customer = i < 150;
                var young = i % 2 == 0;
                int R() => Math.Clamp(6 + lift + (young ? 1 : 0) + random.Next(-2, 3), 0, 10);
                var contact = customer && bank != "Bank C" ? (i % 3 == 0 ? "bill" : "move") : "";
                var region = bank == "Bank C" ? "Noord" : "";
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{Wave},{Sector},{bank},{bank[^1]}{i},{(customer ? "customer" : "prospect")},{R()},{R()},{R()},{R()},{R()},,{(customer ? R() : "")},,,{(young ? "18-34" : "55+")},{contact},{region}"));
            }
        var importer = new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System);
        var result = await importer.ImportAsync(_files.Lines(Files.Header + ",segment_age,segment_contact,segment_region", rows), new ImportOptions("segments.csv", "test"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
        await _db.ReleaseAllAsync(); // members see released waves only (issue 30)
        await using var services = Services(CompetitorNames.Named);
        var organisations = services.GetRequiredService<Organisations>();
        await organisations.AddAsync("Bank A Group");
        await organisations.GrantAsync("Bank A Group", Sector, "Bank A");
        await services.GetRequiredService<UserAccounts>().CreateAsync("eva@bank-a.example.com", "a long enough password", ["Client"], client: "Bank A Group");
    }

    private ServiceProvider Services(CompetitorNames competitors)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCxPlusStore(_db.ConnectionString, ScoringSettings.Default, competitors);
        services.AddCxPlusAccounts();
        return services.BuildServiceProvider();
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    public void Dispose() => _files.Dispose();

    private async Task<ClientScope> ScopeAsync(ClientReads reads)
    {
        await using var command = _db.DataSource.CreateCommand("SELECT id FROM users WHERE email = 'eva@bank-a.example.com'");
        return (await reads.ScopeOfAsync((string)(await command.ExecuteScalarAsync())!))!;
    }

    private static string Anonymous(int k) => $"Brand {k}";

    [Fact]
    public async Task A_clients_segment_view_is_the_published_segment_table_with_its_own_brand_in_full()
    {
        await using var services = Services(CompetitorNames.Named);
        var reads = services.GetRequiredService<ClientReads>();
        var scope = await ScopeAsync(reads);
        var full = await new LeagueQueries(_db.DataSource, ScoringSettings.Default).SegmentLeagueAsync(Sector, Wave, "age", "18-34");

        var view = await reads.LeagueAsync(scope, Sector, Wave, Anonymous, "en", default, ("AGE", "18-34"));
        var table = await reads.TableAsync(scope, Sector, Wave, Anonymous, "en", default, ("age", "18-34"));

        view.Table.Segment.Should().BeEquivalentTo(full.Segment);
        view.Table.Settings.MinCustomers.Should().Be(50, "ranked with the segment minimums, and saying so");
        full.Rows.Should().HaveCount(3).And.OnlyContain(r => r.Eligible);
        view.Table.Rows.Select(r => (r.Brand, r.Rank, r.RankRange, r.Result.Score!.Value, r.Result.Customers.N))
            .Should().Equal(full.Rows.Select(r => (r.Brand, r.Rank, r.RankRange, r.Result.Score!.Value, r.Result.Customers.N)));
        view.Table.Rows.Should().OnlyContain(r => r.Result.Customers.Factors.All(f => f.Score == null), "the published headline only");
        table.Find("Bank A")!.Result.Should().BeEquivalentTo(full.Find("Bank A")!.Result, o => o.ComparingByMembers<Estimate>(), "its own brand in full, to the last bit");
        table.Find("Bank B")!.Result.Customers.Factors.Should().OnlyContain(f => f.Score == null);

        (await reads.SegmentsAsync(scope, Sector, Wave)).Should().BeEquivalentTo(
            [new SegmentInfo("age", ["18-34", "55+"]), new SegmentInfo("contact", ["bill", "move"])], o => o.WithStrictOrdering(),
            "the segments its own brand carries: not Bank C's region");
        var missing = () => reads.LeagueAsync(scope, Sector, Wave, Anonymous, "en", default, ("age", "65+"));
        (await missing.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("Segment age has no category \"65+\" in W1. Categories: 18-34, 55+.");
    }

    [Fact]
    public async Task With_anonymous_competitors_a_segment_view_names_no_other_brand_not_even_where_it_says_whose_expectation_it_uses()
    {
        await using var services = Services(CompetitorNames.Anonymous);
        var reads = services.GetRequiredService<ClientReads>();
        var full = await new LeagueQueries(_db.DataSource, ScoringSettings.Default).SegmentLeagueAsync(Sector, Wave, "contact", "move");

        var view = await reads.LeagueAsync(await ScopeAsync(reads), Sector, Wave, Anonymous, "en", default, ("contact", "move"));

        full.Segment!.AllProspects.Should().Equal("Bank A", "Bank B");
        var bankB = full.Rows.ToList().FindIndex(r => r.Brand == "Bank B");
        view.Table.Rows.Select(r => r.Brand).Should().Equal(full.Rows.Select((r, i) => r.Brand == "Bank A" ? "Bank A" : $"Brand {i + 1}"));
        view.Table.Segment!.AllProspects.Should().BeEquivalentTo(["Bank A", $"Brand {bankB + 1}"]);
        await using var body = _db.DataSource.CreateCommand("SELECT body::text FROM published_tables WHERE segment_key = 'contact'");
        ((string)(await body.ExecuteScalarAsync())!).Should().NotContain("Bank A").And.NotContain("Bank B").And.Contain("move");
    }
}
