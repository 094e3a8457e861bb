using System.Net;
using CxPlus.Data.Accounts;
using CxPlus.Data.Releases;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Web.Tests;

/// <summary>Issue 30: the outbox page lists a weekly digest by its week (it has no sector or wave of its own), to administrators.</summary>
public sealed class OutboxPageTests(AccessFixture access) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task A_weekly_digest_is_listed_by_its_week_waiting_while_mail_is_off()
    {
        var deliveries = access.App.Factory.Services.GetRequiredService<Deliveries>();
        await using (var ids = access.App.Database.DataSource.CreateCommand("SELECT u.id, (SELECT min(id) FROM sectors) FROM users u WHERE u.email = $1"))
        {
            ids.Parameters.Add(new() { Value = AccessFixture.Email(AccountRoles.Admin) });
            await using var r = await ids.ExecuteReaderAsync();
            await r.ReadAsync();
            await deliveries.SaveAsync(r.GetString(0), new Subscription { Language = "en", SectorIds = [r.GetInt32(1)], Weekly = true });
        }
        var end = new DateTimeOffset(2099, 1, 5, 6, 0, 0, TimeSpan.Zero); // a week that holds the fixture's release
        await using (var released = access.App.Database.DataSource.CreateCommand("UPDATE wave_releases SET released_at = $1"))
        {
            released.Parameters.Add(new() { Value = end.AddDays(-1) });
            await released.ExecuteNonQueryAsync();
        }
        (await deliveries.EnqueueDigestsAsync(end)).Should().Be(1);

        using var admin = await access.BrowserAsync(AccessFixture.Email(AccountRoles.Admin));
        using var page = await admin.GetAsync("/admin/outbox");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.Should().Contain("weekly digest, 2098-12-29 – 2099-01-05").And.Contain(AccessFixture.Email(AccountRoles.Admin)).And.Contain("waiting");
    }
}
