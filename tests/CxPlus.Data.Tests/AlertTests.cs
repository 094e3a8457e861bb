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
/// Issue 30's alert rules on a hand-made two-wave case: four banks alike in W1; in W2 Bank A's
/// customers rate every factor two points lower, Bank C's a tenth of its customers one point higher on
/// one factor (a change that is not significant), Banks B and D as before. Each rule fires exactly
/// where it should, and members hear only of their own brands, once the wave is released.
/// </summary>
public sealed class AlertTests : IAsyncLifetime, IDisposable
{
    private const string Sector = "Banks";
    private static readonly string[] Banks = ["Bank A", "Bank B", "Bank C", "Bank D"];
    private readonly PostgresDatabase _db = new();
    private readonly Files _files = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _services = _db.StoreServices();
        await ImportAsync("W1", second: false);
        await _services.GetRequiredService<WaveReleases>().ReleaseAsync("W1", null, "dm@example.com");
        await ImportAsync("W2", second: true);
    }

    private async Task ImportAsync(string wave, bool second)
    {
        var rows = new List<string>();
        foreach (var bank in Banks)
            for (var r = 0; r < 450; r++)
            {
                var customer = r < 300;
                // The same answers for every bank and wave (seeded by respondent and question), spread as real answers are.
                int Score(int k)
                {
                    var random = new Random(r * 31 + k);
                    var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    var s = (int)Math.Round(6 + 2 * z);
                    if (second && customer && bank == "Bank A") s -= 2;
                    if (second && customer && bank == "Bank C" && k == 1 && r % 10 == 0) s += 1;
                    return Math.Clamp(s, 0, 10);
                }
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{wave},{Sector},{bank},{wave}{bank[^1]}{r},{(customer ? "customer" : "prospect")},{Score(1)},{Score(2)},{Score(3)},{Score(4)},{Score(5)},,{(customer ? Score(6) : "")},,"));
            }
        var result = await new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System).ImportAsync(_files.Lines([.. rows]), new ImportOptions($"{wave}.csv", "test"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
    }

    [Fact]
    public async Task Each_rule_fires_exactly_where_the_numbers_say_and_not_for_a_change_that_is_not_significant()
    {
        var alerts = await _services.GetRequiredService<LeagueQueries>().AlertsAsync(Sector, "w2");

        (alerts.Draft, alerts.PreviousWave).Should().Be((true, "W1"), "W2 is not released yet: these are the alerts its release would bring");
        var a = alerts.Alerts.Where(x => x.Brand == "Bank A").ToList();
        a.Select(x => x.Kind).Should().BeEquivalentTo([AlertKind.ScoreChange, AlertKind.VerdictChange, AlertKind.LeftLeaders, AlertKind.RankMoved,
            .. Enumerable.Repeat(AlertKind.GapTurnedNegative, 5)]);
        a.Single(x => x.Kind == AlertKind.ScoreChange).Change!.Should().Match<Estimate>(c => c.Value < -15 && c.High < 0);
        a.Single(x => x.Kind == AlertKind.VerdictChange).Should().Match<Alert>(x => x.From == Verdict.MeetsExpectations && x.To == Verdict.UnderDelivers);
        a.Single(x => x.Kind == AlertKind.RankMoved).Should().Match<Alert>(x => x.PreviousRank == 1 && x.Range!.Value.Low == 4 && x.Range.Value.High == 4,
            "four brands alike share rank 1; now Bank A is surely last");
        a.Where(x => x.Kind == AlertKind.GapTurnedNegative).Select(x => x.Factor!.Value).Should().BeEquivalentTo(SuccessFactors.All);
        a.Where(x => x.Kind == AlertKind.GapTurnedNegative).Should().OnlyContain(x => x.Gap!.High < 0);
        // Bank C changed a little, not significantly: no alert. Banks B and D did not change: tied first
        // with the others in W1, they still can lead, and their rank range 1–3 holds that rank.
        alerts.Alerts.Where(x => x.Brand != "Bank A").Should().BeEmpty();
        var c = (await _services.GetRequiredService<LeagueQueries>().ReleasedLeagueAsync(Sector, "W2")).Find("Bank C")!;
        c.Movement!.Change.Value.Should().BeGreaterThan(0, "Bank C did change").And.BeLessThan(2);
        c.Movement.Significant.Should().BeFalse();
    }

    [Fact]
    public async Task A_member_hears_of_its_own_brands_alerts_only_once_the_wave_is_released()
    {
        var organisations = _services.GetRequiredService<Organisations>();
        await organisations.AddAsync("Bank A Group");
        await organisations.GrantAsync("Bank A Group", Sector, "Bank A");
        await _services.GetRequiredService<UserAccounts>().CreateAsync("ann@bank-a.example.com", "a long enough password", [AccountRoles.Client], client: "Bank A Group");
        await using var command = _db.DataSource.CreateCommand("SELECT id FROM users WHERE email = 'ann@bank-a.example.com'");
        var reads = _services.GetRequiredService<ClientReads>();
        var scope = (await reads.ScopeOfAsync((string)(await command.ExecuteScalarAsync())!))!;

        var draft = () => reads.AlertsAsync(scope, Sector, "W2");
        await draft.Should().ThrowAsync<NotFoundException>("a draft does not exist for members");
        (await reads.AlertsAsync(scope, Sector, "W1")).Alerts.Should().BeEmpty("W1 has no released wave before it");

        await _services.GetRequiredService<WaveReleases>().ReleaseAsync("W2", Sector, "dm@example.com");
        var all = await _services.GetRequiredService<LeagueQueries>().AlertsAsync(Sector, "W2");
        var own = await reads.AlertsAsync(scope, Sector, "W2");
        own.Alerts.Should().Equal(all.Alerts.Where(x => x.Brand == "Bank A")).And.HaveCount(9);
        await _services.GetRequiredService<WaveReleases>().WithdrawAsync("W2", Sector, "dm@example.com");
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();
}
