using CxPlus.Data.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.E2E.Tests;

/// <summary>The administrator's users page in the browser: add a user with roles, change them, disable the account. Its own store.</summary>
public sealed class AdminTests(DashboardFixture app) : IClassFixture<DashboardFixture>
{
    private const string Admin = "admin@admin-tests.example.com", Someone = "someone@admin-tests.example.com";

    [Fact]
    public async Task An_administrator_adds_a_user_changes_their_roles_and_disables_them()
    {
        await app.Services.GetRequiredService<UserAccounts>().CreateAsync(Admin, DashboardFixture.Password, [AccountRoles.Admin]);
        var page = await app.NewAnonymousPageAsync();
        await app.SignInAsync(page, Admin, DashboardFixture.Password);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/admin/users");

        await page.Locator("[data-testid=new-email]").FillAsync(Someone);
        await page.Locator("[data-testid=new-password]").FillAsync("a long enough password");
        await page.Locator("[data-testid=new-role-Consultant]").CheckAsync();
        await page.Locator("[data-testid=create-user]").ClickAsync();
        await page.Locator("[data-testid=users-done]", new() { HasText = $"Added {Someone}." }).WaitForAsync();
        // The form is ready for the next user: Viewer alone ticked again, not the roles just given.
        (await page.Locator("[data-testid=new-role-Viewer]").IsCheckedAsync()).Should().BeTrue();
        (await page.Locator("[data-testid=new-role-Consultant]").IsCheckedAsync()).Should().BeFalse();
        await page.Locator("[data-testid=new-email]").FillAsync("second@admin-tests.example.com");
        await page.Locator("[data-testid=new-password]").FillAsync("a long enough password");
        await page.Locator("[data-testid=create-user]").ClickAsync();
        await page.Locator("[data-testid=users-done]", new() { HasText = "Added second@admin-tests.example.com." }).WaitForAsync();
        (await app.Services.GetRequiredService<UserAccounts>().ListAsync()).Single(u => u.Email == "second@admin-tests.example.com").Roles
            .Should().Equal(AccountRoles.Viewer);
        // A user with no role is refused, with the reason.
        await page.Locator("[data-testid=new-role-Viewer]").UncheckAsync();
        await page.Locator("[data-testid=new-email]").FillAsync("none@admin-tests.example.com");
        await page.Locator("[data-testid=new-password]").FillAsync("a long enough password");
        await page.Locator("[data-testid=create-user]").ClickAsync();
        await page.Locator("[data-testid=users-error]", new() { HasText = "needs at least one role" }).WaitForAsync();

        var row = page.Locator($"[data-testid='user-{Someone}']");
        (await row.GetByLabel($"Viewer for {Someone}").IsCheckedAsync()).Should().BeTrue("Viewer is ticked by default");
        (await row.GetByLabel($"Consultant for {Someone}").IsCheckedAsync()).Should().BeTrue();
        await row.GetByLabel($"DataManager for {Someone}").CheckAsync();
        await row.Locator("[data-testid=save-roles]").ClickAsync();
        await page.Locator("[data-testid=users-done]", new() { HasText = $"{Someone} now has:" }).WaitForAsync();
        (await app.Services.GetRequiredService<UserAccounts>().ListAsync()).Single(u => u.Email == Someone).Roles
            .Should().BeEquivalentTo(AccountRoles.Viewer, AccountRoles.Consultant, AccountRoles.DataManager);

        await row.Locator("[data-testid=disable]").ClickAsync();
        await page.Locator("[data-testid=users-done]", new() { HasText = $"Disabled {Someone}." }).WaitForAsync();
        (await row.Locator("[data-testid=state]").InnerTextAsync()).Should().Be("disabled");
        // An administrator's bar (every link, the account, sign-out, the language switch) stays one line within the screen.
        var bar = await page.EvaluateAsync<double[]>("() => { const n = document.querySelector('[data-testid=nav-wide]').getBoundingClientRect(); return [n.height, n.right, window.innerWidth]; }");
        bar[0].Should().BeLessThan(40, "one line (a wrapped \"Sign out\" made it 46 px)");
        bar[1].Should().BeLessThanOrEqualTo(bar[2], "nothing past the screen's edge");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "users.png"), FullPage = true });
    }

    [Fact]
    public async Task An_administrator_adds_an_organisation_gives_it_a_brand_and_a_client_user()
    {
        const string admin = "org-admin@admin-tests.example.com", client = "eva@bank-a.example.com";
        await app.Services.GetRequiredService<UserAccounts>().CreateAsync(admin, DashboardFixture.Password, [AccountRoles.Admin]);
        var page = await app.NewAnonymousPageAsync();
        await app.SignInAsync(page, admin, DashboardFixture.Password);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/admin/users");

        await page.Locator("[data-testid=new-organisation]").FillAsync("Bank A Group");
        await page.Locator("[data-testid=add-organisation]").ClickAsync();
        await page.Locator("[data-testid=users-done]", new() { HasText = "Added Bank A Group." }).WaitForAsync();
        var organisation = page.Locator("[data-testid='organisation-Bank A Group']");
        await organisation.Locator("[data-testid=grant-brand]").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "Bank A (Retail Banking)" });
        await organisation.Locator("[data-testid=grant]").ClickAsync();
        await page.Locator("[data-testid=users-done]", new() { HasText = "Bank A Group now holds Bank A in Retail Banking." }).WaitForAsync();
        (await organisation.Locator("[data-testid=held-brand]").InnerTextAsync()).Should().Contain("Bank A (Retail Banking)");

        // A client user: the role Client, alone, with the organisation chosen from the list.
        await page.Locator("[data-testid=new-email]").FillAsync(client);
        await page.Locator("[data-testid=new-password]").FillAsync("a long enough password");
        await page.Locator("[data-testid=new-role-Viewer]").UncheckAsync();
        await page.Locator("[data-testid=new-role-Client]").CheckAsync();
        await page.Locator("[data-testid=new-client]").SelectOptionAsync("Bank A Group");
        await page.Locator("[data-testid=create-user]").ClickAsync();
        await page.Locator("[data-testid=users-done]", new() { HasText = $"Added {client}." }).WaitForAsync();
        (await page.Locator($"[data-testid='user-{client}'] [data-testid=organisation] select").InputValueAsync()).Should().Be("Bank A Group");
        (await organisation.InnerTextAsync()).Should().Contain(client);
        (await app.Services.GetRequiredService<UserAccounts>().FindAsync(client))!.Client.Should().Be("Bank A Group");
        var wide = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
        wide.Should().BeTrue("the users page, with its organisation column and panel, fits the screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "users-organisations.png"), FullPage = true });
    }

    [Fact]
    public async Task An_administrator_unlocks_a_locked_user_and_resets_a_forgotten_password()
    {
        const string admin = "second-admin@admin-tests.example.com", forgetful = "forgetful@admin-tests.example.com";
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync(admin, DashboardFixture.Password, [AccountRoles.Admin]);
        await accounts.CreateAsync(forgetful, DashboardFixture.Password, [AccountRoles.Viewer]);
        var locks = app.Services.GetRequiredService<SignInLocks>();
        for (var i = 0; i < 5; i++) await locks.FailedAsync(forgetful, "203.0.113.9");

        var page = await app.NewAnonymousPageAsync();
        await app.SignInAsync(page, admin, DashboardFixture.Password);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/admin/users");
        var row = page.Locator($"[data-testid='user-{forgetful}']");
        (await row.Locator("[data-testid=state]").InnerTextAsync()).Should().MatchRegex(@"^locked from 1 address until \d\d:\d\d UTC$");

        await row.Locator("[data-testid=unlock]").ClickAsync();
        await page.Locator("[data-testid=users-done]", new() { HasText = $"Unlocked {forgetful}" }).WaitForAsync();
        (await row.Locator("[data-testid=state]").InnerTextAsync()).Should().Be("active");
        (await locks.FindAsync(forgetful, "203.0.113.9")).LockedUntil.Should().BeNull();

        await row.Locator("[data-testid=reset-password]").ClickAsync();
        var done = await page.Locator("[data-testid=users-done]", new() { HasText = "shown only now" }).InnerTextAsync();
        var password = System.Text.RegularExpressions.Regex.Match(done, @"shown only now: (\S+) ").Groups[1].Value;
        password.Length.Should().BeGreaterThanOrEqualTo(12);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "users-reset.png"), FullPage = true });

        var signIn = await app.NewAnonymousPageAsync();
        await app.SignInAsync(signIn, forgetful, password);
        await signIn.WaitForURLAsync(app.BaseUrl + "/");
    }
}
