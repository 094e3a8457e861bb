using System.Text.Json;
using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using CxPlus.Data.Demo;
using CxPlus.Scoring.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>
/// Every page of the demo passes axe-core's WCAG 2.1 A and AA rules in chromium, in Dutch and in English,
/// for the agency's people and for a member's: contrast of every text (verdict chips, buttons, notes,
/// heatmap cells), links told apart from the text around them, names for what can be operated, figures
/// whose points can be followed. Public-sector clients ask for this; touring the demo with axe found 8
/// kinds of failure on 9 pages, all mended with this test.
/// </summary>
public sealed class AccessibilityTests(DemoDashboardFixture app) : IClassFixture<DemoDashboardFixture>
{
    private static readonly string Wave = DemoBenchmark.Waves[^1];
    private const string Member = "Guardia Group";

    private static readonly string[] StaffPages =
    [
        "/", "/sectors", $"/sectors/Insurance/waves/{Wave}", $"/sectors/Insurance/waves/{Wave}?lens=cee",
        $"/sectors/Insurance/waves/{Wave}/brands/Guardia", $"/sectors/Insurance/waves/{Wave}/compare?brand=Guardia&brand=Fairway",
        $"/sectors/Insurance/waves/{Wave}/comments", $"/sectors/Insurance/waves/{Wave}/alerts", "/search?q=a", "/methodology",
        "/data/imports", "/data/waves", "/data/names", "/data/themes", "/admin/users", "/admin/audit", "/admin/outbox", "/account/tokens",
        "/no-such-page", $"/sectors/Insurance/waves/{Wave}/brands/Nobody",
    ];

    private static readonly string[] MemberPages =
    [
        "/benchmark", $"/benchmark/Insurance/waves/{Wave}", $"/benchmark/Insurance/waves/{Wave}/brands/Guardia",
        $"/benchmark/Insurance/waves/{Wave}/brands/Guardia/comments", "/account/tokens", "/sectors",
    ];

    /// <summary>Each reader in each language on a desktop, and in Dutch on a phone (tables scroll there, and must by keyboard too).</summary>
    public static TheoryData<string, string, int> Readers => new()
    {
        { AccountRoles.Admin, "nl", 1280 }, { AccountRoles.Admin, "en", 1280 }, { AccountRoles.Client, "nl", 1280 }, { AccountRoles.Client, "en", 1280 },
        { AccountRoles.Admin, "nl", 390 }, { AccountRoles.Client, "nl", 390 },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Every_page_passes_the_WCAG_AA_rules_of_axe(string role, string language, int width)
    {
        var axe = Path.Combine(Checkout.Root, "tools", "accessibility", "node_modules", "axe-core", "axe.min.js");
        File.Exists(axe).Should().BeTrue($"axe-core is installed: run `npm ci --prefix tools/accessibility` ({axe} missing)");
        var member = role == AccountRoles.Client;
        var email = $"a11y-{role.ToLowerInvariant()}-{language}-{width}@e2e.example.com";
        if (member && !(await app.Services.GetRequiredService<Organisations>().ListAsync()).Any(o => o.Name == Member))
        {
            await app.Services.GetRequiredService<Organisations>().AddAsync(Member);
            await app.Services.GetRequiredService<Organisations>().GrantAsync(Member, "Insurance", "Guardia");
        }
        await app.Services.GetRequiredService<UserAccounts>().CreateAsync(email, DashboardFixture.Password, [role], client: member ? Member : null);

        // The page's scripts are limited by its content security policy; axe is the test's, let in by the browser.
        await using var context = await app.Browser.NewContextAsync(new()
        {
            BypassCSP = true, Locale = language == "nl" ? "nl-NL" : "en-GB", ViewportSize = new() { Width = width, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        var failures = new List<string>(await ViolationsAsync(page, axe, "/account/sign-in"));
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DashboardFixture.Password);
        await page.Locator(".sign-in button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));

        foreach (var path in member ? MemberPages : StaffPages) failures.AddRange(await ViolationsAsync(page, axe, path));

        failures.Should().BeEmpty($"every page a {role} opens in {language} at {width} px meets WCAG 2.1 AA as axe-core checks it:\n" + string.Join("\n", failures));
    }

    private async Task<IEnumerable<string>> ViolationsAsync(IPage page, string axe, string path)
    {
        await page.GotoAsync(app.BaseUrl + path);
        await page.Locator("h1").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.AddScriptTagAsync(new() { Path = axe });
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })).violations
                .flatMap(v => v.nodes.map(n => v.id + ' (' + v.impact + '): ' + n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\n').slice(1).join(' ')))
            """);
        return found.EnumerateArray().Select(v => $"{path}: {v.GetString()}").ToList();
    }
}
