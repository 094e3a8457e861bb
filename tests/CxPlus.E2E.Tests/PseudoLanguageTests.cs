using System.Text.RegularExpressions;
using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using CxPlus.Data.Demo;
using CxPlus.Data.League;
using CxPlus.Scoring;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>The demo dashboard with the pseudo-language registered: its resource file and one setting, no code.</summary>
public sealed class PseudoLanguageFixture : DemoDashboardFixture
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Localization:ExtraLanguages", PseudoLanguage.Code);
}

/// <summary>
/// Issue #26's proof that every text a person reads comes from the resource files: in the pseudo-language
/// (<c>qps-ploc</c>, every text of Texts.resx wrapped in « » with its letters accented, written by
/// scripts/pseudo-language.sh) a plain English word on a page can only be data (a name, a code) or a
/// text that bypassed the localizer. Each role visits every page it may open.
/// </summary>
public sealed partial class PseudoLanguageTests(PseudoLanguageFixture app) : IClassFixture<PseudoLanguageFixture>
{
    private static readonly string Wave = DemoBenchmark.Waves[^1];

    /// <summary>Every page of the demo and the roles that open it; the others meet the access-denied page, which is checked too.</summary>
    public static TheoryData<string> Roles => [AccountRoles.Viewer, AccountRoles.Consultant, AccountRoles.DataManager, AccountRoles.Admin, AccountRoles.Client];

    /// <summary>A member's people: their benchmark, their brand in full with its comments, their account; an agency page shows them access denied.</summary>
    private static readonly string[] ClientPages =
    [
        "/benchmark", "/benchmark/Insurance", $"/benchmark/Insurance/waves/{Wave}", $"/benchmark/Insurance/waves/{Wave}/brands/Guardia",
        $"/benchmark/Insurance/waves/{Wave}/brands/Guardia/comments", $"/benchmark/Insurance/waves/{Wave}/brands/Guardia/comments?tone=detractor",
        "/account/tokens", "/no-such-page", "/data/imports", $"/benchmark/Insurance/waves/{Wave}/brands/Fairway",
    ];
    private const string Member = "Guardia Group";

    private static readonly string[] Pages =
    [
        "/", "/sectors", $"/sectors/Insurance/waves/{Wave}", $"/sectors/Insurance/waves/{Wave}?lens=cee", $"/sectors/Energy/waves/{Wave}?lens=kei",
        $"/sectors/Insurance/waves/{Wave}/brands/Guardia", $"/sectors/Energy/waves/{Wave}/brands/Voltra",
        $"/sectors/Insurance/waves/{Wave}/compare?brand=Guardia&brand=Fairway", "/search?q=a", "/methodology",
        "/data/imports", "/data/names", "/admin/users", "/admin/audit", "/account/tokens", "/no-such-page",
        $"/sectors/Insurance/waves/{Wave}/brands/Nobody", $"/sectors/Insurance/waves/{Wave}/comments?tone=detractor&q=wachten",
        $"/sectors/Insurance/waves/{Wave}/comments?theme=waiting", "/data/themes", "/data/waves", $"/sectors/Insurance/waves/{Wave}/alerts", "/admin/outbox",
        // Not /data/format: the import contract is a document, translated whole as a file of its own
        // (docs/data-format.nl.md; ImportTests reads it in Dutch), not through the resource files.
    ];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_a_role_opens_shows_only_texts_from_the_resource_files_and_data(string role)
    {
        var email = $"pseudo-{role.ToLowerInvariant()}@e2e.example.com";
        var accounts = app.Services.GetRequiredService<UserAccounts>();
        var client = role == AccountRoles.Client;
        if (client && !(await app.Services.GetRequiredService<Organisations>().ListAsync()).Any(o => o.Name == Member))
        {
            await app.Services.GetRequiredService<Organisations>().AddAsync(Member);
            await app.Services.GetRequiredService<Organisations>().GrantAsync(Member, "Insurance", "Guardia");
        }
        if (await accounts.FindAsync(email) is null) await accounts.CreateAsync(email, DashboardFixture.Password, [role], client: client ? Member : null);
        var page = await PseudoPageAsync();
        await page.GotoAsync(app.BaseUrl + "/account/sign-in");
        await page.Locator("h1").WaitForAsync();
        var found = new List<string>(await UntranslatedAsync(page, "/account/sign-in", await DataWordsAsync()));
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DashboardFixture.Password);
        await page.Locator(".sign-in button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + (client ? "/benchmark" : "/"));

        var data = await DataWordsAsync();
        foreach (var path in client ? ClientPages : Pages)
        {
            await page.GotoAsync(app.BaseUrl + path);
            await page.Locator("h1").First.WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            found.AddRange(await UntranslatedAsync(page, path, data));
        }
        await page.GotoAsync(app.BaseUrl + (client ? "/benchmark/Insurance/waves/" : "/sectors/Insurance/waves/") + Wave);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, $"pseudo-league-{role.ToLowerInvariant()}.png") });

        found.Should().BeEmpty("every text a person reads goes through the localizer; a plain English word in these did not:\n" + string.Join("\n", found));
    }

    private async Task<IPage> PseudoPageAsync()
    {
        // Chromium's locale list has no pseudo-locale: the language is asked for as a browser asks, in Accept-Language.
        var context = await app.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1280, Height = 1000 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = PseudoLanguage.Code },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        return page;
    }

    /// <summary>The words of the store's names and of the signed-in people, which appear as they are in every language.</summary>
    private async Task<HashSet<string>> DataWordsAsync()
    {
        var queries = app.Services.GetRequiredService<LeagueQueries>();
        var names = new List<string>(SuccessFactors.All.Select(f => f.DisplayName()));
        foreach (var sector in await queries.SectorsAsync())
        {
            names.Add(sector.Name);
            names.AddRange(await queries.BrandsAsync(sector.Name));
            // The file's segments and categories are data too ("age", "complaint").
            foreach (var wave in sector.Waves)
                names.AddRange((await queries.SegmentsAsync(sector.Name, wave)).SelectMany(s => s.Categories.Prepend(s.Name)));
        }
        // The coding frame's theme names are data a data manager writes, in each language (issue 29).
        names.AddRange((await app.Services.GetRequiredService<CxPlus.Data.Comments.CodingFrames>().CurrentAsync()).Frame.Themes.SelectMany(t => new[] { t.NameNl, t.NameEn }));
        names.AddRange((await app.Services.GetRequiredService<UserAccounts>().ListAsync()).Select(u => u.Email));
        names.AddRange((await app.Services.GetRequiredService<Organisations>().ListAsync()).Select(o => o.Name)); // a member's name, as written
        names.AddRange(["demo.csv", "worked-example.csv", "Nobody"]); // the files imported, and the name the last page asks for
        // Each language is offered in its own name ("Nederlands", "English"), whatever the page's language.
        names.AddRange(CxPlus.Reports.Localization.Languages.Supported.Select(CxPlus.Reports.Localization.Languages.NativeName));
        return [.. names.SelectMany(n => PlainWord().Matches(n).Select(m => m.Value)), .. PseudoLanguage.Codes];
    }

    /// <summary>What a person reads on the page (visible text, titles, labels, placeholders) with a plain English word in it that is no data.</summary>
    private static async Task<IEnumerable<string>> UntranslatedAsync(IPage page, string path, HashSet<string> data)
    {
        var texts = await page.EvaluateAsync<string[]>("""
            () => {
              const out = [document.title];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
                // Codes and records marked as not to be translated (translate="no": the audit trail as recorded) are data.
                if (!text || !el || el.closest('script,style,noscript,template,code,[translate=no]')) continue;
                if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
                out.push(text);
              }
              for (const el of document.querySelectorAll('[title],[aria-label],[placeholder]'))
                for (const name of ['title', 'aria-label', 'placeholder'])
                  if (el.getAttribute(name)) out.push(el.getAttribute(name));
              return out;
            }
            """);
        return texts.Where(t => PlainWord().Matches(t).Any(m => !data.Contains(m.Value))).Distinct().Select(t => $"{path}: {t}");
    }

    /// <summary>A word of plain ASCII letters, not part of a longer word with accented letters.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{M}])[A-Za-z]{2,}(?![\p{L}\p{M}])")]
    private static partial Regex PlainWord();
}

/// <summary>The pseudo-language and the codes that are written the same in every language.</summary>
public static class PseudoLanguage
{
    public const string Code = "qps-ploc";

    /// <summary>Product names, units and codes, not words of a language.</summary>
    public static readonly string[] Codes =
    [
        "CX", "NPS", "CSAT", "CES", "KEI", "CEE", "UTC", "KB", "MB", "PDF", "CSV", "API", "NL", "EN", "Excel", "PowerPoint",
        "Q1", "Q2", "Q3", "Q4", "qps", "ploc", "Qps", "Ploc", "csv", "xlsx", "pdf", "pptx", "zip",
    ];
}
