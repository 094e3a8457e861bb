using CxPlus.Data.Importing;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using CxPlus.Web.Features.Imports;

namespace CxPlus.Web.Tests;

/// <summary>
/// Issue #25: with <c>Respondents:RetentionMonths</c> set, the app itself removes old waves' respondent
/// rows (at start, then daily); the Imports page that says so is tried in the browser (E2E RetentionTests).
/// </summary>
public sealed class RetentionScheduleTests : IAsyncLifetime
{
    private readonly PostgresDatabase _db = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        (await new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Samples.Path("worked-example.csv"), new ImportOptions("worked-example.csv", "test"))).Succeeded.Should().BeTrue();
        await using var backdate = _db.DataSource.CreateCommand("UPDATE imports SET imported_at = imported_at - interval '3 years'");
        await backdate.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = _db.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task With_a_retention_period_the_app_removes_old_respondent_rows_at_start_and_keeps_the_numbers()
    {
        var rollups = await ScalarAsync("SELECT count(*) FROM role_rollups");
        await using var app = TestApp.Create(_db.ConnectionString, configure: b => b.UseSetting("Respondents:RetentionMonths", "24"));
        using var client = app.CreateClient(); // starts the app, and with it the schedule

        for (var wait = 0; wait < 600 && await ScalarAsync("SELECT count(*) FROM responses") > 0; wait++) await Task.Delay(100);

        (await ScalarAsync("SELECT count(*) FROM responses")).Should().Be(0, "the worked example was imported three years ago");
        (await ScalarAsync("SELECT count(*) FROM role_rollups")).Should().Be(rollups, "the published numbers stay");
        await using var audit = _db.DataSource.CreateCommand("SELECT actor FROM audit_events WHERE action = 'retain'");
        ((string)(await audit.ExecuteScalarAsync())!).Should().Be(RetentionSchedule.Actor);
    }

    [Fact]
    public void An_impossible_period_stops_the_app_at_start_with_the_setting_named()
    {
        using var app = TestApp.Create(_db.ConnectionString, configure: b => b.UseSetting("Respondents:RetentionMonths", "two years"));

        var start = () => app.CreateClient();

        start.Should().Throw<ArgumentException>().WithMessage("Respondents:RetentionMonths: \"two years\" is not a whole number of months from 1 to 1200.");
    }
}
