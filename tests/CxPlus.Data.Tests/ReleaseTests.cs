using System.Globalization;
using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Releases;
using CxPlus.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issue 30: a wave is a draft for its sector after import and reaches members only when released;
/// for them a draft does not exist (row-level security), and movement compares with the previous
/// released wave. Staff see the draft, marked.
/// </summary>
public sealed class ReleaseTests : IAsyncLifetime, IDisposable
{
    private const string Sector = "Banks";
    private readonly PostgresDatabase _db = new();
    private readonly Files _files = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _services = _db.StoreServices();
        var organisations = _services.GetRequiredService<Organisations>();
        await ImportAsync("W1", shift: 0);
        await organisations.AddAsync("Bank A Group");
        await organisations.GrantAsync("Bank A Group", Sector, "Bank A");
        await _services.GetRequiredService<UserAccounts>().CreateAsync("eva@bank-a.example.com", "a long enough password", [AccountRoles.Client], client: "Bank A Group");
    }

    /// <summary>A wave of three banks, 120 customers and 60 prospects each, Bank A's scores moved by <paramref name="shift"/>.</summary>
    private async Task ImportAsync(string wave, int shift)
    {
        var rows = new List<string>();
        foreach (var (bank, i) in new[] { "Bank A", "Bank B", "Bank C" }.Select((b, i) => (b, i)))
            for (var r = 0; r < 180; r++)
            {
                var customer = r < 120;
                int Score(int k) => Math.Clamp(5 + (r * 7 + k * 3 + i) % 5 + (bank == "Bank A" ? shift : 0), 0, 10);
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{wave},{Sector},{bank},{wave}{bank[^1]}{r},{(customer ? "customer" : "prospect")},{Score(1)},{Score(2)},{Score(3)},{Score(4)},{Score(5)},,{(customer ? Score(6) : "")},,"));
            }
        var result = await new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System).ImportAsync(_files.Lines([.. rows]), new ImportOptions($"{wave}.csv", "test"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
    }

    private async Task<ClientScope> ScopeAsync()
    {
        await using var command = _db.DataSource.CreateCommand("SELECT id FROM users WHERE email = 'eva@bank-a.example.com'");
        return (await _services.GetRequiredService<ClientReads>().ScopeOfAsync((string)(await command.ExecuteScalarAsync())!))!;
    }

    private static string Anonymous(int k) => $"Brand {k}";

    [Fact]
    public async Task An_imported_wave_is_a_draft_members_cannot_see_until_it_is_released_and_a_withdrawal_hides_it_again()
    {
        var releases = _services.GetRequiredService<WaveReleases>();
        var reads = _services.GetRequiredService<ClientReads>();
        var queries = _services.GetRequiredService<LeagueQueries>();
        var scope = await ScopeAsync();

        (await releases.ListAsync()).Should().ContainSingle().Which.Should().Match<WaveState>(s => s.Wave == "W1" && s.Sector == Sector && !s.Released && s.Brands == 3);
        (await queries.LeagueAsync(Sector, "W1")).Draft.Should().BeTrue("staff see the draft, marked");
        (await reads.WavesAsync(scope, Sector)).Should().BeEmpty("a draft does not exist for members");
        var league = () => reads.LeagueAsync(scope, Sector, "W1", Anonymous, "en");
        (await league.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("There is no wave \"W1\".");
        var brand = () => reads.BrandAsync(scope, Sector, "W1", "Bank A", Anonymous, "en");
        await brand.Should().ThrowAsync<NotFoundException>();
        var comments = () => reads.CommentsAsync(scope, Sector, "W1", "Bank A", new CommentFilter());
        await comments.Should().ThrowAsync<NotFoundException>();

        var released = await releases.ReleaseAsync("w1", null, "dm@example.com");
        released.Should().Be(new ReleaseOutcome("W1", [Sector], []) with { Changed = released.Changed, Unchanged = released.Unchanged });
        released.Changed.Should().Equal(Sector);
        (await releases.ListAsync()).Single().Should().Match<WaveState>(s => s.Released && s.ReleasedBy == "dm@example.com");
        (await queries.LeagueAsync(Sector, "W1")).Draft.Should().BeFalse();
        (await reads.WavesAsync(scope, Sector)).Should().Equal("W1");
        (await reads.LeagueAsync(scope, Sector, "W1", Anonymous, "en")).Table.Rows.Should().HaveCount(3);
        (await reads.BrandAsync(scope, Sector, "W1", "Bank A", Anonymous, "en")).Row.Brand.Should().Be("Bank A");
        (await releases.ReleaseAsync("W1", Sector, "dm@example.com")).Unchanged.Should().Equal(Sector);

        (await releases.WithdrawAsync("W1", Sector, "dm@example.com")).Changed.Should().Equal(Sector);
        (await reads.WavesAsync(scope, Sector)).Should().BeEmpty();
        await league.Should().ThrowAsync<NotFoundException>();

        // Each change is audited with who made it.
        await using var audit = _db.DataSource.CreateCommand("SELECT string_agg(action || ' ' || target, '; ' ORDER BY id) FROM audit_events WHERE action IN ('release', 'withdraw')");
        ((string)(await audit.ExecuteScalarAsync())!).Should().Be("release W1: Banks; withdraw W1: Banks");
    }

    [Fact]
    public async Task Members_movement_compares_with_the_previous_released_wave_while_staff_compare_with_the_wave_before()
    {
        var releases = _services.GetRequiredService<WaveReleases>();
        await releases.ReleaseAsync("W1", null, "dm@example.com");
        await ImportAsync("W2", shift: -3);
        await ImportAsync("W3", shift: 2);
        await releases.ReleaseAsync("W3", Sector, "dm@example.com");
        var reads = _services.GetRequiredService<ClientReads>();
        var scope = await ScopeAsync();

        (await _services.GetRequiredService<LeagueQueries>().LeagueAsync(Sector, "W3")).PreviousWave.Should().Be("W2");
        (await reads.WavesAsync(scope, Sector)).Should().Equal("W1", "W3");
        (await reads.LeagueAsync(scope, Sector, "W3", Anonymous, "en")).Table.PreviousWave.Should().Be("W1", "W2 is a draft: for members it does not exist");
        var own = await reads.BrandAsync(scope, Sector, "W3", "Bank A", Anonymous, "en");
        own.History.Select(h => h.Table.Wave).Should().Equal("W1", "W3");
    }

    [Fact]
    public async Task A_release_names_what_is_wrong_and_changes_nothing()
    {
        var releases = _services.GetRequiredService<WaveReleases>();
        var before = await _db.SnapshotAsync();

        var unknown = () => releases.ReleaseAsync("W9", null, "dm@example.com");
        (await unknown.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("There is no wave \"W9\".");
        var sector = () => releases.ReleaseAsync("W1", "Telecom", "dm@example.com");
        (await sector.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("There is no sector \"Telecom\".");
        var withdraw = () => releases.WithdrawAsync("W1", "banks", "dm@example.com");
        (await withdraw()).Should().Match<ReleaseOutcome>(o => o.Changed.Count == 0 && o.Unchanged.Single() == Sector, "a draft withdrawn stays a draft");

        (await _db.SnapshotAsync()).Should().Be(before);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();
}
