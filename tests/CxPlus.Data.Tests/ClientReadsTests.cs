using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Tests;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CxPlus.Data.Tests;

/// <summary>
/// What a client may read, enforced twice: the data layer's view (the published headline of the
/// other brands, its own by name, nothing of a sector it holds no brand in) and PostgreSQL's
/// row-level security, tested alone. The worked example: Bank A, B and C in Retail Banking.
/// </summary>
public sealed class ClientReadsTests : IAsyncLifetime, IDisposable
{
    private const string Sector = "Retail Banking", Wave = "2026-Q3";
    private readonly PostgresDatabase _db = new();
    private readonly Files _files = new();
    private ServiceProvider _services = null!;
    private StoreChanges _changes = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var importer = new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System);
        (await importer.ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "test"))).Succeeded.Should().BeTrue();
        (await importer.ImportAsync(_files.Lines([.. Enumerable.Range(1, 6).Select(i => $"{Wave},Insurance,Insurer X,I{i},{(i % 3 == 0 ? "prospect" : "customer")},7,7,6,7,7,,,,")]),
            new ImportOptions("insurance.csv", "test"))).Succeeded.Should().BeTrue();
        await _db.ReleaseAllAsync(); // members see released waves only (issue 30)
        _services = Services(CompetitorNames.Named);
        _changes = new StoreChanges(_db.DataSource);
        await _changes.RefreshAsync();
        var organisations = _services.GetRequiredService<Organisations>();
        await organisations.AddAsync("Bank A Group");
        await organisations.GrantAsync("Bank A Group", Sector, "Bank A");
        await organisations.AddAsync("Bank B Group");
        await organisations.GrantAsync("Bank B Group", Sector, "Bank B");
        var accounts = _services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync("eva@bank-a.example.com", "a long enough password", ["Client"], client: "Bank A Group");
        await accounts.CreateAsync("bo@bank-b.example.com", "a long enough password", ["Client"], client: "Bank B Group");
    }

    private ServiceProvider Services(CompetitorNames competitors)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCxPlusStore(_db.ConnectionString, ScoringSettings.Default, competitors);
        services.AddCxPlusAccounts();
        return services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();

    private async Task<ClientScope> ScopeAsync(ClientReads reads, string email)
    {
        await using var command = _db.DataSource.CreateCommand("SELECT id FROM users WHERE email = $1");
        command.Parameters.Add(new() { Value = email });
        return (await reads.ScopeOfAsync((string)(await command.ExecuteScalarAsync())!))!;
    }

    private static string Anonymous(int k) => $"Brand {k}";

    [Fact]
    public async Task A_clients_league_table_is_every_brands_published_headline_and_no_brands_factor_detail()
    {
        var reads = _services.GetRequiredService<ClientReads>();
        var scope = await ScopeAsync(reads, "eva@bank-a.example.com");
        var full = await new LeagueQueries(_db.DataSource, ScoringSettings.Default).LeagueAsync(Sector, Wave);

        var published = await reads.LeagueAsync(scope, Sector, Wave, Anonymous, "en");

        scope.Brands.Should().Equal(new ScopedBrand(scope.Brands[0].BrandId, scope.Brands[0].SectorId, Sector, "Bank A"));
        published.Table.Rows.Select(r => (r.Brand, r.Rank, r.RankRange, r.Result.Score!.Value, r.Result.Score.Low, r.Result.Verdict, r.Index!.Value))
            .Should().Equal(full.Rows.Select(r => (r.Brand, r.Rank, r.RankRange, r.Result.Score!.Value, r.Result.Score.Low, r.Result.Verdict, r.Index!.Value)));
        published.Table.Rows.Select(r => r.Result.Performance!.Value).Should().Equal(full.Rows.Select(r => r.Result.Performance!.Value));
        published.Table.Average.Should().Be(full.Average);
        foreach (var row in published.Table.Rows)
        {
            row.Result.Customers.Factors.Should().OnlyContain(f => f.Score == null, $"{row.Brand}'s factor scores are not published");
            row.Result.FactorGaps.Should().OnlyContain(g => g.Gap == null && g.Customer == null && g.Prospect == null);
            (row.Result.Customers.Nps, row.Result.Customers.Csat, row.Result.Customers.Ces).Should().Be((null, null, null));
        }
        published.Factors.Select(f => f.Average).Should().Equal(SuccessFactors.All.Select(f => FactorComparison.Average(full, f)));
        published.Factors.Select(f => f.Best).Should().Equal(SuccessFactors.All.Select(f => (double?)full.Rows.Where(r => r.Eligible).Max(r => r.Result.Customers[f].Score!.Value)));
    }

    [Fact]
    public async Task A_clients_own_brand_is_in_full_with_the_staffs_numbers_to_the_last_bit_and_no_other_brands_factor_detail()
    {
        var reads = _services.GetRequiredService<ClientReads>();
        var scope = await ScopeAsync(reads, "eva@bank-a.example.com");
        var queries = new LeagueQueries(_db.DataSource, ScoringSettings.Default);
        var full = await queries.LeagueAsync(Sector, Wave);
        var staffRow = full.Find("Bank A")!;

        var own = await reads.BrandAsync(scope, "retail banking", Wave, "BANK A", Anonymous, "en");

        own.Row.Should().BeEquivalentTo(staffRow, o => o.ComparingByMembers<Estimate>(), "the brand's own row, as the agency sees it");
        foreach (var f in SuccessFactors.All)
            FactorComparison.VersusAverage(own.Table, own.Row, f).Should().Be(FactorComparison.VersusAverage(full, staffRow, f), $"{f} against the sector average");
        own.Priorities.Should().BeEquivalentTo((await queries.PrioritiesAsync(full, "Bank A"))["Bank A"], o => o.ComparingByMembers<Estimate>());
        own.History.Select(h => h.Table.Wave).Should().Equal(Wave);
        own.Table.Rows.Where(r => r.Brand != "Bank A").Should().HaveCount(2).And.OnlyContain(r =>
            r.Result.Customers.Factors.All(f => f.Score == null) && r.Result.Customers.Nps == null && r.Result.FactorGaps.All(g => g.Gap == null));
    }

    [Fact]
    public async Task Another_members_brand_is_not_there_for_a_client_nor_a_wave_without_its_data()
    {
        var reads = _services.GetRequiredService<ClientReads>();
        var scope = await ScopeAsync(reads, "eva@bank-a.example.com");

        var other = () => reads.BrandAsync(scope, Sector, Wave, "Bank B", Anonymous, "en");
        var missingWave = () => reads.BrandAsync(scope, Sector, "2031-Q1", "Bank A", Anonymous, "en");

        (await other.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("\"Bank B\" in Retail Banking is not one of your organisation's brands.");
        (await missingWave.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("There is no wave \"2031-Q1\".");
        // A scope that claims a brand it does not hold (a check forgotten above it) still reads no row of it: row-level security.
        await using var id = _db.DataSource.CreateCommand("SELECT id FROM brands WHERE name = 'Bank B'");
        var forged = scope with { Brands = [new ScopedBrand((int)(await id.ExecuteScalarAsync())!, scope.Brands[0].SectorId, Sector, "Bank B")] };
        var bankB = (await new LeagueQueries(_db.DataSource, ScoringSettings.Default).LeagueAsync(Sector, Wave)).Find("Bank B")!;
        var leaked = () => reads.BrandAsync(forged, Sector, Wave, "Bank B", Anonymous, "en");
        (await leaked.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("Retail Banking has no brand \"Bank B\" in 2026-Q3.");
        bankB.Result.Customers.N.Should().BeGreaterThan(0, "Bank B has data; the client role just cannot read it");
    }

    [Fact]
    public async Task With_anonymous_competitors_the_others_are_brand_k_in_table_order_and_their_names_are_not_even_stored_for_clients()
    {
        await using var services = Services(CompetitorNames.Anonymous);
        var reads = services.GetRequiredService<ClientReads>();
        var full = await new LeagueQueries(_db.DataSource, ScoringSettings.Default).LeagueAsync(Sector, Wave);

        var a = await reads.LeagueAsync(await ScopeAsync(reads, "eva@bank-a.example.com"), Sector, Wave, Anonymous, "en");
        var b = await reads.LeagueAsync(await ScopeAsync(reads, "bo@bank-b.example.com"), Sector, Wave, k => $"Merk {k}", "nl");

        a.Table.Rows.Select(r => r.Brand).Should().Equal(full.Rows.Select((r, i) => r.Brand == "Bank A" ? "Bank A" : $"Brand {i + 1}"));
        b.Table.Rows.Select(r => r.Brand).Should().Equal(full.Rows.Select((r, i) => r.Brand == "Bank B" ? "Bank B" : $"Merk {i + 1}"));
        await using var body = _db.DataSource.CreateCommand("SELECT body::text FROM published_tables");
        var stored = (string)(await body.ExecuteScalarAsync())!;
        stored.Should().NotContain("Bank A").And.NotContain("Bank B").And.NotContain("Bank C");
    }

    [Fact]
    public async Task Switching_competitors_to_anonymous_republishes_a_table_written_with_names_in_the_same_generation()
    {
        var named = _services.GetRequiredService<ClientReads>();
        (await named.LeagueAsync(await ScopeAsync(named, "eva@bank-a.example.com"), Sector, Wave, Anonymous, "en")).Table.Rows
            .Select(r => r.Brand).Should().Contain("Bank B", "published with names");

        // The installation restarts with Clients__Competitors=anonymous; the store has not changed since.
        await using var services = Services(CompetitorNames.Anonymous);
        var reads = services.GetRequiredService<ClientReads>();
        var view = await reads.LeagueAsync(await ScopeAsync(reads, "eva@bank-a.example.com"), Sector, Wave, Anonymous, "en");

        view.Table.Rows.Select(r => r.Brand).Should().NotContain(["Bank B", "Bank C"]).And.Contain("Bank A");
        await using var body = _db.DataSource.CreateCommand("SELECT body::text FROM published_tables");
        ((string)(await body.ExecuteScalarAsync())!).Should().NotContain("Bank B");
    }

    [Fact]
    public async Task Two_clients_asking_at_once_each_get_their_own_view_never_the_others()
    {
        await using var services = Services(CompetitorNames.Anonymous);
        var changes = new StoreChanges(_db.DataSource);
        await changes.RefreshAsync();
        var publisher = services.GetRequiredService<PublishedTables>();
        var reads = new ClientReads(_db.DataSource, publisher, ScoringSettings.Default, changes); // caching, as in the web app
        var (a, b) = (await ScopeAsync(reads, "eva@bank-a.example.com"), await ScopeAsync(reads, "bo@bank-b.example.com"));

        var views = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            i % 2 == 0 ? reads.LeagueAsync(a, Sector, Wave, Anonymous, "en") : reads.LeagueAsync(b, Sector, Wave, Anonymous, "en")));

        for (var i = 0; i < views.Length; i++)
        {
            var names = views[i].Table.Rows.Select(r => r.Brand).ToList();
            names.Should().Contain(i % 2 == 0 ? "Bank A" : "Bank B").And.NotContain(i % 2 == 0 ? "Bank B" : "Bank A");
        }
    }

    [Fact]
    public async Task A_client_meets_no_sector_it_holds_no_brand_in_and_loses_its_sector_when_the_grant_is_revoked()
    {
        var reads = new ClientReads(_db.DataSource, _services.GetRequiredService<PublishedTables>(), ScoringSettings.Default, _changes);
        var scope = await ScopeAsync(reads, "eva@bank-a.example.com");

        var insurance = () => reads.LeagueAsync(scope, "Insurance", Wave, Anonymous, "en");
        (await insurance.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("There is no sector \"Insurance\".");
        (await reads.LeagueAsync(scope, Sector, Wave, Anonymous, "en")).Table.Rows.Should().HaveCount(3);

        await _services.GetRequiredService<Organisations>().RevokeGrantAsync("Bank A Group", Sector, "Bank A");
        await _changes.RefreshAsync();
        var after = await ScopeAsync(reads, "eva@bank-a.example.com");

        after.Brands.Should().BeEmpty();
        var banking = () => reads.LeagueAsync(after, Sector, Wave, Anonymous, "en");
        await banking.Should().ThrowAsync<NotFoundException>("row-level security no longer shows the sector");
    }

    [Fact]
    public async Task The_published_table_follows_the_store_a_new_import_is_published_before_a_client_reads_it()
    {
        var reads = _services.GetRequiredService<ClientReads>();
        var scope = await ScopeAsync(reads, "eva@bank-a.example.com");
        var before = await reads.LeagueAsync(scope, Sector, Wave, Anonymous, "en");

        var importer = new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System);
        (await importer.ImportAsync(_files.Lines([.. Enumerable.Range(1, 120).Select(i => $"{Wave},{Sector},Bank D,D{i},{(i % 3 == 0 ? "prospect" : "customer")},9,9,9,9,9,,,,")]),
            new ImportOptions("bank-d.csv", "test"))).Succeeded.Should().BeTrue();
        await _services.GetRequiredService<StoreChanges>().RefreshAsync(); // what the web app's listener does within a second
        var after = await reads.LeagueAsync(scope, Sector, Wave, Anonymous, "en");

        before.Table.Rows.Should().HaveCount(3);
        after.Table.Rows.Select(r => r.Brand).Should().Contain("Bank D").And.HaveCount(4);
    }

    [Fact]
    public async Task Row_level_security_alone_lets_the_client_role_read_only_its_own_brands_rows()
    {
        var reads = _services.GetRequiredService<ClientReads>();
        await reads.LeagueAsync(await ScopeAsync(reads, "bo@bank-b.example.com"), Sector, Wave, Anonymous, "en"); // a published table to find
        var a = await ScopeAsync(reads, "eva@bank-a.example.com");
        var bankA = a.Brands.Single().BrandId;

        // The queries a careless page might run, as the client role of Bank A Group, with no check of ours in between.
        async Task<List<object?[]>> AsClientAsync(string sql)
        {
            await using var connection = await _db.DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var enter = new NpgsqlCommand($"SELECT set_config('cxplus.organisation', '{a.OrganisationId}', true); SET LOCAL ROLE {ClientReads.Role}", connection))
                await enter.ExecuteNonQueryAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await using var r = await command.ExecuteReaderAsync();
            var rows = new List<object?[]>();
            while (await r.ReadAsync())
            {
                var values = new object?[r.FieldCount];
                r.GetValues(values!);
                rows.Add(values);
            }
            return rows;
        }

        (await AsClientAsync("SELECT DISTINCT brand_id FROM role_rollups")).Select(r => r[0]).Should().Equal(bankA);
        (await AsClientAsync("SELECT DISTINCT brand_id FROM driver_groups")).Select(r => r[0]).Should().OnlyContain(id => (int)id! == bankA);
        (await AsClientAsync("SELECT name FROM brands")).Select(r => r[0]).Should().Equal("Bank A");
        (await AsClientAsync("SELECT name FROM sectors")).Select(r => r[0]).Should().Equal(Sector);
        (await AsClientAsync("SELECT organisation_id FROM organisation_brands")).Select(r => r[0]).Should().Equal(a.OrganisationId);
        (await AsClientAsync("SELECT count(*) FROM published_tables")).Single()[0].Should().Be(1L, "Retail Banking's, not another sector's");
        foreach (var table in new[] { "responses", "imports", "users", "audit_events", "organisations", "api_tokens" })
        {
            var read = () => AsClientAsync($"SELECT * FROM {table} LIMIT 1");
            (await read.Should().ThrowAsync<PostgresException>($"the client role has no right to {table}")).Which.SqlState.Should().Be("42501");
        }
        // Without an organisation set, nothing at all.
        await using (var connection = await _db.DataSource.OpenConnectionAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand($"SET LOCAL ROLE {ClientReads.Role}; SELECT count(*) FROM role_rollups", connection);
            (await command.ExecuteScalarAsync()).Should().Be(0L);
        }
    }
}
