using System.Net;
using CxPlus.Data;
using CxPlus.Data.Accounts;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue #16: league results and API tokens are kept by store generation, and a change — in this
/// process or in another one (the CLI, a second instance) — is never followed by an old number or
/// an access that was taken away. Each test has its own store.
/// </summary>
public sealed class StoreCacheTests : IAsyncLifetime
{
    private readonly PostgresDatabase _db = new();
    private readonly Files _files = new();
    private WebApplicationFactory<Program> _app = null!;

    /// <summary>How long another process's change may take to reach this one (the contract says a second; NOTIFY takes milliseconds).</summary>
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(1);

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        (await OtherProcessImporter().ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "test")))
            .Succeeded.Should().BeTrue();
        _app = TestApp.Create(_db.ConnectionString);
        var changes = _app.Services.GetRequiredService<StoreChanges>(); // starts the app and its listener
        await Eventually(() => Task.FromResult(changes.Known is not null), TimeSpan.FromSeconds(15));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _files.Dispose();
        await _db.DisposeAsync();
    }

    /// <summary>An importer as the CLI or another instance has it: it knows nothing of this app's caches.</summary>
    private ResponseImporter OtherProcessImporter() => new(_db.DataSource, ScoringSettings.Default, TimeProvider.System);

    /// <summary>The worked example's Bank A again, as a fourth brand of the same sector and wave.</summary>
    private string BankD() => _files.Write(string.Join('\n', File.ReadAllLines(Samples.Path("worked-example.csv"))
        .Where((line, i) => i == 0 || line.Contains(",Bank A,", StringComparison.Ordinal))
        .Select(line => line.Replace(",Bank A,", ",Bank D,", StringComparison.Ordinal))) + "\n", "bank-d.csv");

    [Fact]
    public async Task A_league_table_is_computed_once_per_generation_and_every_change_is_seen()
    {
        var queries = _app.Services.GetRequiredService<LeagueQueries>();
        var table = await queries.LeagueAsync("Retail Banking", "2026-Q3");
        table.Rows.Should().HaveCount(3);
        (await queries.LeagueAsync("retail banking", "2026-q3")).Should().BeSameAs(table, "the same table in the same generation is kept, whatever the spelling");
        (await queries.HistoryAsync("Retail Banking")).Should().BeSameAs(await queries.HistoryAsync("RETAIL BANKING"));

        // Another process imports: its bump's notification reaches this app.
        var import = await OtherProcessImporter().ImportAsync(BankD(), new ImportOptions("bank-d.csv", "test"));
        import.Succeeded.Should().BeTrue();
        await Eventually(async () => (await queries.LeagueAsync("Retail Banking", "2026-Q3")).Rows.Count == 4, Propagation);
        (await queries.BrandDirectoryAsync()).Should().Contain(b => b.Brand == "Bank D");

        // This app undoes it: seen at once, no waiting for the notification.
        await _app.Services.GetRequiredService<ImportHistory>().UndoAsync(import.Summary!.ImportId, "test");
        (await queries.LeagueAsync("Retail Banking", "2026-Q3")).Rows.Should().HaveCount(3);
        (await queries.BrandDirectoryAsync()).Should().NotContain(b => b.Brand == "Bank D");

        // A rename through the app: the old name is gone at once from the table and the lookups.
        await _app.Services.GetRequiredService<CxPlus.Data.Curation.NameChanges>().RenameBrandAsync("Retail Banking", "Bank C", "Bank Charlie", "test");
        (await queries.LeagueAsync("Retail Banking", "2026-Q3")).Rows.Select(r => r.Brand).Should().Contain("Bank Charlie").And.NotContain("Bank C");
    }

    [Fact]
    public async Task The_api_answers_from_the_cache_and_never_serves_an_old_table_after_an_import()
    {
        using var client = await ClientAsync([AccountRoles.Viewer]);
        var before = await client.GetStringAsync("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/league");
        before.Should().NotContain("Bank D");

        (await OtherProcessImporter().ImportAsync(BankD(), new ImportOptions("bank-d.csv", "test"))).Succeeded.Should().BeTrue();

        await Eventually(async () => (await client.GetStringAsync("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/league")).Contains("Bank D"), Propagation);
    }

    [Fact]
    public async Task A_token_is_remembered_and_stops_at_once_when_revoked_disabled_or_stripped_of_its_roles()
    {
        var accounts = _app.Services.GetRequiredService<UserAccounts>();
        var (revoked, revokedEmail) = await TokenAsync([AccountRoles.Viewer]);
        (await Get(revoked)).Should().Be(HttpStatusCode.OK);

        // Revoked behind the app's back (no generation bump): still taken, so the app really does not ask the database each time...
        await using (var command = _db.DataSource.CreateCommand("UPDATE api_tokens SET revoked_at = now()"))
            await command.ExecuteNonQueryAsync();
        (await Get(revoked)).Should().Be(HttpStatusCode.OK, "a token found is remembered while no account changes");
        // ...and the proper revoke (which bumps the accounts generation) ends it at once.
        await using (var command = _db.DataSource.CreateCommand("UPDATE api_tokens SET revoked_at = NULL"))
            await command.ExecuteNonQueryAsync();
        var id = (await accounts.ListTokensAsync(revokedEmail)).Single().Id;
        await accounts.RevokeTokenAsync(revokedEmail, id, by: "test");
        (await Get(revoked)).Should().Be(HttpStatusCode.Unauthorized);

        var (disabled, disabledEmail) = await TokenAsync([AccountRoles.Viewer]);
        (await Get(disabled)).Should().Be(HttpStatusCode.OK);
        await accounts.DisableAsync(disabledEmail, by: "test");
        (await Get(disabled)).Should().Be(HttpStatusCode.Unauthorized);

        var (stripped, strippedEmail) = await TokenAsync([AccountRoles.Consultant]);
        (await Get(stripped, "/api/v1/sectors/Retail%20Banking/waves/2026-Q3/league.csv")).Should().Be(HttpStatusCode.OK);
        await accounts.SetRolesAsync(strippedEmail, [AccountRoles.Viewer], by: "test");
        (await Get(stripped, "/api/v1/sectors/Retail%20Banking/waves/2026-Q3/league.csv")).Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<HttpStatusCode> Get(string token, string path = "/api/v1/sectors")
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    private async Task<(string Token, string Email)> TokenAsync(string[] roles)
    {
        var accounts = _app.Services.GetRequiredService<UserAccounts>();
        var email = $"cache-{Guid.NewGuid():N}@example.com";
        await accounts.CreateAsync(email, "a long enough password", roles);
        return ((await accounts.CreateTokenAsync(email, "tests")).Secret, email);
    }

    private async Task<HttpClient> ClientAsync(string[] roles)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await TokenAsync(roles)).Token);
        return client;
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing when it does not within <paramref name="limit"/>.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit) throw new Xunit.Sdk.XunitException($"Still not so after {limit.TotalSeconds:0.#} s.");
            await Task.Delay(20);
        }
    }
}
