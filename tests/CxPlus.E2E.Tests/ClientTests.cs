using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>A member's person in the browser: signs in, lands on its benchmark, in English and in Dutch. Its own store.</summary>
public sealed class ClientTests(DashboardFixture app) : IClassFixture<DashboardFixture>
{
    private const string Client = "eva@bank-a.example.com";

    private async Task<IPage> SignedInClientAsync(string locale, int width = 1280)
    {
        var organisations = app.Services.GetRequiredService<Organisations>();
        if ((await organisations.ListAsync()).Count == 0)
        {
            await organisations.AddAsync("Bank A Group");
            await organisations.GrantAsync("Bank A Group", "Retail Banking", "Bank A");
            await app.Services.GetRequiredService<UserAccounts>().CreateAsync(Client, DashboardFixture.Password, [AccountRoles.Client], client: "Bank A Group");
        }
        var context = await app.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = width, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        await page.GotoAsync(app.BaseUrl + "/account/sign-in");
        await page.Locator("#email").FillAsync(Client);
        await page.Locator("#password").FillAsync(DashboardFixture.Password);
        await page.Locator("#password").PressAsync("Enter");
        await page.WaitForURLAsync(app.BaseUrl + "/benchmark");
        return page;
    }

    [Fact]
    public async Task A_client_lands_on_its_benchmark_its_factors_beside_the_sector_and_the_published_table_with_its_brand_marked()
    {
        var page = await SignedInClientAsync("en-GB");

        await page.Locator("h1", new() { HasText = "Retail Banking — 2026-Q3" }).WaitForAsync();
        (await page.Locator("[data-testid=benchmark-intro]").InnerTextAsync()).Should().Contain("Bank A Group").And.Contain("Bank A in Retail Banking");
        (await page.Locator("[data-testid=own-factors] thead").InnerTextAsync()).Should().Contain("Bank A").And.Contain("Sector average").And.Contain("Best in sector");
        (await page.Locator("[data-testid=own-factors] tbody tr").CountAsync()).Should().Be(6, "five success factors and NPS");
        (await page.Locator("tr.own-brand").GetAttributeAsync("data-brand")).Should().Be("Bank A");
        (await page.Locator("[data-testid=league-table] a[href*='/brands/']").AllInnerTextsAsync()).Should().Equal(["Bank A"], "only its own brand opens a page");
        await page.Locator("[data-testid=gap-map]").WaitForAsync();
        // The member's bar: its benchmark, no overview, search or imports, which list every brand.
        (await page.Locator("[data-testid=nav-client]").InnerTextAsync()).Should().Contain("Benchmark");
        (await page.Locator("[data-testid=nav-overview], #bar-search, [data-testid=nav-imports]").CountAsync()).Should().Be(0);
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing wider than the screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "client-benchmark.png"), FullPage = true });

        // Its own API token, made on its account page, reads its benchmark over the API.
        await page.Locator("[data-testid=signed-in-as]").ClickAsync();
        await page.Locator("h1", new() { HasText = "Your API tokens" }).WaitForAsync(); // the page runs in a circuit, a client's too
        await page.Locator("input[data-testid=token-name], [data-testid=token-name] input").First.FillAsync("Power BI");
        await page.Locator("[data-testid=create-token]").ClickAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(await page.Locator("[data-testid=new-token]").InnerTextAsync(), "cxp_[A-Za-z0-9_-]+").Value;
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "client-tokens.png"), FullPage = true });
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", secret);
            (await http.GetStringAsync(app.BaseUrl + "/api/v1/benchmark")).Should().Contain("Bank A Group");
            (await http.GetAsync(app.BaseUrl + "/api/v1/sectors")).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
        }

        // The agency's pages stay shut, and saying so is an audit event.
        await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20B");
        await page.Locator("[data-testid=access-denied]").WaitForAsync();
    }

    [Fact]
    public async Task A_client_opens_its_own_brand_in_full_and_takes_its_report_but_another_brand_is_not_there()
    {
        var page = await SignedInClientAsync("en-GB");

        await page.Locator("[data-testid=own-brand-link]", new() { HasText = "Bank A" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/benchmark/Retail%20Banking/waves/2026-Q3/brands/Bank%20A");
        await page.Locator("h1", new() { HasText = "Bank A" }).WaitForAsync();
        (await page.Locator("[data-testid=reading]").InnerTextAsync()).Should().Contain("It ranks 3 of 3 in Retail Banking");
        (await page.Locator("[data-testid=factor-chart]").TextContentAsync()).Should().Contain("Clear Brand Promise");
        (await page.Locator("[data-testid=trend-table] tbody tr").CountAsync()).Should().Be(1);
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing wider than the screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "client-own-brand.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=download-report]").ClickAsync());
        download.SuggestedFilename.Should().EndWith(".pdf");
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-");

        // Another member's brand: not there for it, in words, and the attempt is in the audit.
        var response = await page.GotoAsync(app.BaseUrl + "/benchmark/Retail%20Banking/waves/2026-Q3/brands/Bank%20B");
        response!.Status.Should().Be(404);
        (await page.Locator("body").InnerTextAsync()).Should().Contain("\"Bank B\" in Retail Banking is not one of your organisation's brands.")
            .And.NotContain("Under-delivers");
    }

    [Fact]
    public async Task A_dutch_client_reads_its_benchmark_in_dutch_with_decimal_commas()
    {
        var page = await SignedInClientAsync("nl-NL", width: 400);

        await page.Locator("h1", new() { HasText = "Retail Banking — 2026-Q3" }).WaitForAsync();
        (await page.Locator("[data-testid=own-factors] thead").InnerTextAsync()).Should().Contain("Sectorgemiddelde").And.Contain("Beste in de sector");
        (await page.Locator("[data-testid=own-factors] tbody").InnerTextAsync()).Should().MatchRegex(@"\d+,\d");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("nl");
        (await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.fits-phone .mud-table-container')].every(e => e.scrollWidth <= e.clientWidth)"))
            .Should().BeTrue("its factors beside the sector fit the phone, no column hidden behind a scroll");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing wider than a phone's screen");
        // The bar's last item (the language switch) ends within the screen: a fixed bar hides what overflows.
        var right = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('header a, header button')].map(e => e.getBoundingClientRect().right))");
        right.Should().BeLessThanOrEqualTo(400, "every link and button of the bar is on the screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "client-benchmark-nl-phone.png"), FullPage = true });
    }
}

/// <summary>A member's own brand on the demo benchmark (every lens answered, four waves), in Dutch on a phone.</summary>
public sealed class ClientDemoTests(DemoDashboardFixture app) : IClassFixture<DemoDashboardFixture>
{
    /// <summary>A member holding one Retail Banking brand, its person, and a page signed in as them on its benchmark.</summary>
    private async Task<IPage> SignedInClientAsync(string organisation, string brand, string email, int width, string locale = "en-GB")
    {
        var organisations = app.Services.GetRequiredService<Organisations>();
        await organisations.AddAsync(organisation);
        await organisations.GrantAsync(organisation, "Retail Banking", brand);
        await app.Services.GetRequiredService<UserAccounts>().CreateAsync(email, DashboardFixture.Password, [AccountRoles.Client], client: organisation);
        var context = await app.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        await page.GotoAsync(app.BaseUrl + "/account/sign-in");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(DashboardFixture.Password);
        await page.Locator("#password").PressAsync("Enter");
        await page.WaitForURLAsync(app.BaseUrl + "/benchmark");
        return page;
    }

    [Fact]
    public async Task A_dutch_client_reads_its_own_brand_with_its_lenses_on_a_phone()
    {
        var page = await SignedInClientAsync("Northbank NV", "Northbank", "eva@northbank.example.com", 400, "nl-NL");

        await page.Locator("[data-testid=own-brand-link]", new() { HasText = "Northbank" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Northbank" }).WaitForAsync();
        (await page.Locator("[data-testid=own-lens-cee]").InnerTextAsync()).Should().Contain("Gemiddelde").And.Contain("Personalisatie").And.MatchRegex(@"\d+,\d");
        (await page.Locator("[data-testid=own-lens-kei]").InnerTextAsync()).Should().Contain("KEI");
        (await page.Locator("[data-testid=trend-table] tbody tr").CountAsync()).Should().Be(CxPlus.Data.Demo.DemoBenchmark.Waves.Length);
        // Issue 28: its own customers per segment against its other customers, read under row-level security.
        (await page.Locator("[data-testid=segment-contrast]").CountAsync()).Should().Be(4);
        (await page.Locator("#segments").TextContentAsync()).Should().Be("Segmenten");
        await page.ArrivedAsync();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue("nothing wider than a phone's screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "client-own-brand-nl-phone.png"), FullPage = true });
        await page.Locator("[aria-labelledby=lenses-title]").ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "client-own-lenses-nl-phone.png") });
        (await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.fits-phone .mud-table-container')].every(e => e.scrollWidth <= e.clientWidth)"))
            .Should().BeTrue("the lens tables fit the phone, no column hidden behind a scroll");
    }

    [Fact]
    public async Task A_client_reads_what_its_own_customers_say_and_no_other_brands_comments()
    {
        var page = await SignedInClientAsync("Meridian Holding", "Meridian Direct", "kim@meridian.example.com", 1280);
        await page.Locator("[data-testid=own-brand-link]", new() { HasText = "Meridian Direct" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Meridian Direct" }).WaitForAsync();
        // What its customers say, as the agency's brand page shows it: shares against the rest of the sector, its own quotes.
        await page.Locator("#themes").ScrollIntoViewIfNeededAsync();
        (await page.Locator("[data-testid=theme-table] tbody tr").CountAsync()).Should().BeGreaterThan(3);
        await page.Locator("[data-testid=theme-comments-link]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/brands/Meridian%20Direct/comments", StringComparison.Ordinal));
        await page.Locator("[data-testid=comment]").First.WaitForAsync();
        (await page.Locator("[data-testid=comment-brand]").CountAsync()).Should().Be(0, "a member chooses no brand: it reads its own");
        (await page.Locator("[data-testid=comment] strong").AllInnerTextsAsync()).Should().OnlyContain(b => b == "Meridian Direct");
        // Its filters work as the agency's: a theme, a tone and a segment of its own.
        await page.Locator("[data-testid=comment-theme]").SelectOptionAsync("waiting");
        await page.Locator("[data-testid=comment-tone]").SelectOptionAsync("detractor");
        await page.Locator("[data-testid=comment-submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("theme=waiting", StringComparison.Ordinal));
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=comment-tone-mark]')].every(t => t.textContent === 'detractor')");
        (await page.Locator("[data-testid=comment] strong").AllInnerTextsAsync()).Should().NotBeEmpty().And.OnlyContain(b => b == "Meridian Direct");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "client-comments.png"), FullPage = true });

        // Another brand's comments are not there for it, in the page and in its API.
        var wave = CxPlus.Data.Demo.DemoBenchmark.Waves[^1];
        await page.GotoAsync(app.BaseUrl + $"/benchmark/Retail%20Banking/waves/{wave}/brands/Northbank/comments");
        (await page.Locator("[data-testid=not-found]").InnerTextAsync()).Should().Contain("\"Northbank\" in Retail Banking is not one of your organisation's brands.");
        (await page.Locator("[data-testid=comment]").CountAsync()).Should().Be(0);
        var api = await page.APIRequest.GetAsync(app.BaseUrl + $"/api/v1/benchmark/sectors/Retail%20Banking/waves/{wave}/brands/Northbank/comments");
        api.Status.Should().NotBe(200);
    }

    [Fact]
    public async Task An_analyst_reads_a_waves_alerts_and_a_member_reads_those_of_its_own_brand_only()
    {
        var wave = CxPlus.Data.Demo.DemoBenchmark.Waves[^1];
        var alerts = await app.Services.GetRequiredService<CxPlus.Data.League.LeagueQueries>().AlertsAsync("Retail Banking", wave);
        alerts.Alerts.Should().NotBeEmpty("the demo's brands move between waves");
        var brand = alerts.Alerts.GroupBy(a => a.Brand).OrderByDescending(g => g.Count()).First().Key;

        var analyst = await app.NewPageAsync(1280, 900);
        await analyst.GotoAsync(app.BaseUrl + $"/sectors/Retail%20Banking/waves/{wave}");
        await analyst.Locator("[data-testid=alerts-link]").ClickAsync();
        await analyst.Locator("[data-testid=alerts]").WaitForAsync();
        (await analyst.Locator("[data-testid=alert-sentence]").CountAsync()).Should().Be(alerts.Alerts.Count);
        (await analyst.Locator("[data-testid=alert-sentence]").AllInnerTextsAsync()).Should().Contain(t => t.StartsWith(brand, StringComparison.Ordinal) || t.Contains(brand, StringComparison.Ordinal));
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "alerts.png"), FullPage = true });
        var kind = alerts.Alerts[0].Kind;
        await analyst.Locator("[data-testid=alert-kind]").SelectOptionAsync(CxPlus.Reports.AlertReading.Key(kind));
        await analyst.Locator("[data-testid=alert-submit]").ClickAsync();
        await analyst.WaitForURLAsync(url => url.Contains("kind=", StringComparison.Ordinal));
        await analyst.WaitForFunctionAsync("n => document.querySelectorAll('[data-testid=alert-sentence]').length === n", alerts.Alerts.Count(a => a.Kind == kind));
        (await analyst.Locator("tr[data-kind]").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.kind)")).Should().OnlyContain(k => k == CxPlus.Reports.AlertReading.Key(kind));

        // The member holding that brand hears of its alerts, in Dutch, and of no other brand's.
        var member = await SignedInClientAsync($"{brand} Holding", brand, $"alerts@{brand.Replace(' ', '-').Replace("&", "and").ToLowerInvariant()}.example.com", 400, "nl-NL");
        var own = member.Locator("[data-testid=own-alert]");
        (await own.CountAsync()).Should().Be(alerts.Alerts.Count(a => a.Brand == brand));
        (await member.Locator("#alerts-title").TextContentAsync()).Should().Be("Signalen voor uw merken");
        foreach (var other in alerts.Alerts.Select(a => a.Brand).Distinct().Where(b => b != brand))
            (await member.Locator("[data-testid=own-alerts]").InnerTextAsync()).Should().NotContain(other);
        (await member.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue();
        await member.Locator("[data-testid=own-alerts]").ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "client-alerts-nl-phone.png") });
    }

    [Fact]
    public async Task A_client_opens_its_own_brand_within_a_segment_from_the_picker()
    {
        var page = await SignedInClientAsync("Civic Group", "Civic Savings", "max@civic.example.com", 1280);
        await page.Locator("[data-testid=own-brand-link]", new() { HasText = "Civic Savings" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Civic Savings" }).WaitForAsync();
        var whole = await page.Locator("[data-testid=reading]").InnerTextAsync();
        await page.Locator("[data-testid=segment-picker]").SelectOptionAsync(new SelectOptionValue { Label = "region: Flanders" });
        await page.Locator("[data-testid=segment-note]").WaitForAsync();
        page.Url.Should().Contain("segment=region").And.Contain("category=Flanders");
        (await page.Locator("[data-testid=brand-subtitle]").InnerTextAsync()).Should().EndWith("— region: Flanders");
        (await page.Locator("[data-testid=reading]").InnerTextAsync()).Should().NotBe(whole, "its Flemish customers' own numbers");
        (await page.Locator("[data-testid=download-report]").CountAsync()).Should().Be(0, "the reports are the whole brand's");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "client-own-brand-segment.png"), FullPage = true });
    }

    [Fact]
    public async Task A_client_picks_a_segment_on_its_benchmark_and_sees_its_brand_among_those_customers()
    {
        var page = await SignedInClientAsync("Tallis Group", "Tallis & Co", "sam@tallis.example.com", 1280);
        var whole = await page.Locator("[data-testid=own-factors] tbody tr").First.InnerTextAsync();
        (await page.Locator("#trend-title").CountAsync()).Should().Be(1);

        await page.Locator("[data-testid=segment-picker]").SelectOptionAsync(new SelectOptionValue { Label = "age: 55+" });
        await page.Locator("[data-testid=segment-note]").WaitForAsync();
        page.Url.Should().Contain("segment=age").And.Contain("category=55");
        (await page.Locator("[data-testid=own-factors] tbody tr").First.InnerTextAsync()).Should().NotBe(whole, "its 55+ customers' own numbers");
        (await page.Locator("[data-testid=league-table] tbody tr").CountAsync()).Should().BeGreaterThan(1, "every brand's headline among the 55+");
        (await page.Locator("#trend-title").CountAsync()).Should().Be(0, "the trend is the whole brands'");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue();
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "client-benchmark-segment.png"), FullPage = true });
    }
}
