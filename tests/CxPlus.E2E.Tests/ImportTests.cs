using Microsoft.Extensions.DependencyInjection;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;
using Microsoft.Playwright;

namespace CxPlus.E2E.Tests;

/// <summary>A data manager imports in the browser: check, commit, see it in the league table, undo. Its own store.</summary>
public sealed class ImportTests(DashboardFixture app) : IClassFixture<DashboardFixture>
{
    private async Task<IPage> UploadAsync(string path, string? locale = null)
    {
        var page = await app.NewPageAsync(locale: locale);
        await page.GotoAsync(app.BaseUrl + "/data/imports");
        await page.Locator("[data-testid=upload-file]").SetInputFilesAsync(path);
        await page.Locator("[data-testid=upload-submit]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/data/imports/pending/"));
        return page;
    }

    [Fact]
    public async Task A_file_with_more_problems_than_are_listed_is_summed_up_by_kind()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cxplus-many-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(path, ["wave,sector,brand,respondent_id,role,clear_brand_promise,empowered_employees,empowered_customers,lasting_memories,exceptional_delivery",
            .. Enumerable.Range(1, 1500).Select(i => $"W,S,B,R{i},client,7,7,7,7,7"), .. Enumerable.Range(1, 20).Select(i => $"W,S,B,Q{i},customer,7,7,70,7,7")]);
        try
        {
            var page = await UploadAsync(path);
            await page.Locator("[data-testid=refused]").WaitForAsync();

            (await page.Locator("[data-testid=refused]").InnerTextAsync()).Should().Contain("1,520 problems");
            (await page.Locator("[data-testid=problem-kinds] li").AllInnerTextsAsync()).Should().Equal(
                "1,500 × column role: … is not customer or prospect", "20 × column empowered_customers: … is outside the rating scale 0..10");
            (await page.Locator("[data-testid=problems] tbody tr").CountAsync()).Should().Be(1000);
            (await page.Locator("text=… and 520 more.").CountAsync()).Should().Be(1);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_Dutch_data_manager_reads_the_check_its_problems_and_the_data_pages_in_Dutch()
    {
        var before = await app.Database.SnapshotAsync();
        var expected = await new ResponseImporter(app.Database.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Samples.Path("invalid.csv"), new ImportOptions("invalid.csv", "test", Preview: true));

        var page = await UploadAsync(Samples.Path("invalid.csv"), "nl-NL");
        await page.Locator("[data-testid=refused]").WaitForAsync();

        (await page.Locator("h1").InnerTextAsync()).Should().Be("invalid.csv controleren");
        (await page.Locator("[data-testid=refused]").InnerTextAsync()).Should().Contain("kan niet worden geïmporteerd; er is niets gewijzigd")
            .And.Contain($"{expected.ProblemCount} problemen");
        (await page.Locator("[data-testid=problems] thead th").AllInnerTextsAsync()).Should().Equal("Regel", "Kolom", "Probleem");
        var rows = await page.Locator("[data-testid=problems] tbody tr").AllInnerTextsAsync();
        using (new CultureScope("nl"))
            foreach (var problem in expected.Problems)
                rows.Should().Contain(r => r.Contains(CxPlus.Reports.Localization.Texts.Sentence(problem.Text)), problem.Message);
        string.Join("\n", rows).Should().Contain("valt buiten de beoordelingsschaal 0..10").And.NotContain("is outside");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "import-refused-nl.png"), FullPage = true });

        var ready = await UploadAsync(Samples.Path("semicolon.csv"), "nl-NL");
        await ready.Locator("[data-testid=ready]").WaitForAsync();
        (await ready.Locator("[data-testid=ready]").InnerTextAsync()).Should().StartWith("Klaar: ").And.Contain("rijen van klanten").And.Contain("Er is nog niets gewijzigd");
        (await ready.Locator("[data-testid=brand-check] thead th").AllInnerTextsAsync()).Should().StartWith(["Meting", "Sector", "Merk", "Rijen klanten"]);
        (await ready.Locator("[data-testid=brand-check] tbody tr td:last-child").AllInnerTextsAsync()).Should().OnlyContain(t => t.StartsWith("gerangschikt") || t.StartsWith("niet gerangschikt (te lage basis"));
        (await ready.Locator("[data-testid=commit]").InnerTextAsync()).Should().Be("IMPORTEREN");
        await ready.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "import-check-nl.png"), FullPage = true });
        await ready.Locator("[data-testid=discard]").ClickAsync();
        // Wait for the imports page itself, not for the address's load event: the circuit renders it
        // after the address changes, and with the whole suite on two cores (ten dashboards, PostgreSQL
        // creating databases) the load event alone took more than the default 15 s three runs in a row.
        await ready.Locator("[data-testid=import-history]").WaitForAsync(new() { Timeout = 45_000 });
        ready.Url.Should().Be(app.BaseUrl + "/data/imports");

        (await ready.Locator("h1").InnerTextAsync()).Should().Be("Imports");
        (await ready.Locator("h2").AllInnerTextsAsync()).Should().Contain(["Een antwoordbestand uploaden", "Geschiedenis", "Bewaartermijn", "Een respondent wissen"]);
        (await ready.Locator("[data-testid=import-history] thead th").AllInnerTextsAsync()).Should().StartWith(["Import", "Bestand", "Door", "Wanneer (UTC)"]);
        (await ready.Locator("[data-testid=import-1]").InnerTextAsync()).Should().Contain("in gebruik").And.MatchRegex(@"\d{1,2} [a-z]+ 20\d\d \d\d:\d\d", "a date as the reader writes it");
        await ready.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "imports-nl.png"), FullPage = true });
        await ready.GotoAsync(app.BaseUrl + "/data/names");
        (await ready.Locator("h1").InnerTextAsync()).Should().Be("Hernoemen en samenvoegen");
        // The page's forms follow its data (a skeleton until then): wait for them, as a reader does.
        await ready.Locator("[data-testid=rename-brand-from]").WaitForAsync();
        (await ready.Locator("h3").AllInnerTextsAsync()).Should().Equal("Een merk hernoemen", "Een merk samenvoegen met een ander", "Deze sector hernoemen", "Deze sector samenvoegen met een andere");
        await ready.Locator("[data-testid=rename-brand-from]").SelectOptionAsync("Bank A");
        await ready.Locator("[data-testid=rename-brand-to]").FillAsync("Bank B");
        await ready.Locator("[data-testid=rename-brand]").ClickAsync();
        (await ready.Locator("[data-testid=names-refused]").InnerTextAsync()).Should().Be(
            "Retail Banking heeft al een merk \"Bank B\"; voeg \"Bank A\" er in plaats daarvan mee samen.", "a refusal reads in the reader's language too");
        await ready.GotoAsync(app.BaseUrl + "/data/format");
        (await ready.Locator("[data-testid=data-format] h1").InnerTextAsync()).Should().Be("Antwoordbestanden — het importcontract", "the contract has its Dutch translation");
        (await ready.Locator("[data-testid=data-format]").GetAttributeAsync("lang")).Should().Be("nl");
        (await app.Database.SnapshotAsync()).Should().Be(before, "a check and a discard change nothing");
    }

    [Fact]
    public async Task Uploading_the_invalid_sample_shows_every_problem_and_changes_nothing()
    {
        var before = await app.Database.SnapshotAsync();
        var expected = await new ResponseImporter(app.Database.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Samples.Path("invalid.csv"), new ImportOptions("invalid.csv", "test", Preview: true));

        var page = await UploadAsync(Samples.Path("invalid.csv"));
        await page.Locator("[data-testid=refused]").WaitForAsync();

        expected.ProblemCount.Should().BeGreaterThan(3);
        (await page.Locator("[data-testid=refused]").InnerTextAsync()).Should().Contain($"{expected.ProblemCount} problems");
        var rows = await page.Locator("[data-testid=problems] tbody tr").AllInnerTextsAsync();
        rows.Should().HaveCount(expected.Problems.Count);
        foreach (var problem in expected.Problems) rows.Should().Contain(r => r.Contains(problem.Message));
        (await page.Locator("[data-testid=problem-kinds]").CountAsync()).Should().Be(0, "ten problems of ten kinds need no summary");
        // A refused file is no pending check: nothing to decide, and its respondents' answers leave the server at once.
        (await page.Locator("[data-testid=refused]").InnerTextAsync()).Should().Contain("The file has been removed from the server");
        var uploads = app.Services.GetRequiredService<CxPlus.Web.Features.Imports.PendingUploads>();
        Directory.EnumerateFiles(uploads.Folder, "*.csv").Should().BeEmpty();
        await page.GotoAsync(app.BaseUrl + "/data/imports");
        (await page.Locator("[data-testid=pending-checks]").CountAsync()).Should().Be(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "import-refused.png"), FullPage = true });
        (await app.Database.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_data_manager_erases_one_respondent_on_request_and_only_that_respondent_goes()
    {
        using var pseudonyms = await app.Database.PseudonymsAsync(); // the store keeps each id's pseudonym
        async Task<long> CountAsync(string id)
        {
            await using var command = app.Database.DataSource.CreateCommand(
                "SELECT count(*) FROM responses r JOIN brands b ON b.id = r.brand_id WHERE b.name = 'Bank C' AND r.respondent_id = $1");
            command.Parameters.Add(new() { Value = pseudonyms.Of(id) });
            return (long)(await command.ExecuteScalarAsync())!;
        }
        (await CountAsync("Cc0005")).Should().Be(1);
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/data/imports");
        (await page.Locator("[data-testid=retention]").InnerTextAsync()).Should().Contain(
            "No retention period is set (Respondents__RetentionMonths): respondent rows stay until their import is undone or a respondent is erased.");

        await page.Locator("[data-testid=erase-wave]").FillAsync("2026-Q3");
        await page.Locator("[data-testid=erase-brand]").FillAsync("bank c");
        await page.Locator("[data-testid=erase-id]").FillAsync("Cc0005");
        await page.Locator("[data-testid=erase]").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Erase" }).ClickAsync();

        (await page.Locator("[data-testid=erase-done]").InnerTextAsync())
            .Should().Be("Erased the respondent from Bank C (Retail Banking) in 2026-Q3: 1 row removed; every number is recomputed without them.");
        (await CountAsync("Cc0005")).Should().Be(0);
        (await CountAsync("Cc0006")).Should().Be(1, "no other respondent goes");
        (await page.Locator("[data-testid=erase-id]").InputValueAsync()).Should().BeEmpty("the page does not keep the id either");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "erase-respondent.png"), FullPage = true });

        // The same id again: nothing left to erase, said in words.
        await page.Locator("[data-testid=erase-id]").FillAsync("Cc0005");
        await page.Locator("[data-testid=erase]").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Erase" }).ClickAsync();
        (await page.Locator("[data-testid=erase-refused]").InnerTextAsync()).Should().StartWith("Bank C (Retail Banking) has no respondent with that id in 2026-Q3");
    }

    [Fact]
    public async Task The_check_lists_each_segment_of_a_file_per_brand_and_category_and_warns_of_a_customers_only_segment()
    {
        var before = await app.Database.SnapshotAsync();

        var page = await UploadAsync(Samples.Path("segments-comments.csv"));
        await page.Locator("[data-testid=ready]").WaitForAsync();

        var age = page.Locator("[data-testid=segment-check][data-segment=age]");
        (await age.Locator("thead th").AllInnerTextsAsync()).Should().Equal("Wave", "Sector", "Brand", "18-34", "35-54", "55+");
        (await age.Locator("tbody tr", new() { HasText = "Bank A" }).InnerTextAsync()).Should().MatchRegex(@"2\s*\(1\)\s+2\s*\(0\)\s+1\s*\(1\)");
        (await page.Locator("[data-testid=would-create]").InnerTextAsync()).Should().Contain("segment contact_reason is carried by customers only");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue();
        await page.Locator("[data-testid=segments]").ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "import-check-segments.png") });
        // Issue 29: what was removed from the comments before anything was stored (step 28).
        (await page.Locator("[data-testid=comments-removed]").InnerTextAsync()).Should().Be(
            "9 comments; removed before anything was stored: 1 e-mail address, 1 web address, 1 bank account number, 1 phone number, 1 address and 1 other long number.");
        await page.Locator("[data-testid=comments]").ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "import-check-comments.png") });
        await page.Locator("[data-testid=discard]").ClickAsync();
        (await app.Database.SnapshotAsync()).Should().Be(before, "checking and discarding change nothing");
    }

    [Fact]
    public async Task A_valid_upload_is_checked_committed_shown_in_the_league_table_and_undone()
    {
        // The worked example again, as a new wave.
        var file = Path.Combine(Path.GetTempPath(), $"q4-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(Samples.Path("worked-example.csv"))).Replace("2026-Q3", "2026-Q4"));
        var before = await app.Database.SnapshotAsync();

        var page = await UploadAsync(file);
        await page.Locator("[data-testid=ready]").WaitForAsync();
        (await app.Database.SnapshotAsync()).Should().Be(before, "checking changes nothing");
        (await page.Locator("[data-testid=would-create]").InnerTextAsync()).Should().Contain("New waves: 2026-Q4");
        var check = await page.Locator("[data-testid=brand-check] tbody tr").AllInnerTextsAsync();
        check.Should().HaveCount(3).And.OnlyContain(r => r.Contains("120") && r.Contains("60") && r.Contains("ranked"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(DashboardFixture.ScreenshotDirectory, "import-check.png"), FullPage = true });
        await page.Locator("[data-testid=commit]").ClickAsync();
        await page.Locator("[data-testid=import-done]").WaitForAsync();

        await page.GotoAsync(app.BaseUrl + "/sectors/Retail%20Banking/waves/2026-Q4");
        var brands = page.Locator("[data-testid=league-table] tbody tr");
        await brands.First.WaitForAsync();
        (await brands.CountAsync()).Should().Be(3);

        await page.GotoAsync(app.BaseUrl + "/data/imports");
        var row = page.Locator("[data-testid=import-history] tbody tr").Filter(new() { HasText = Path.GetFileName(file) });
        await row.Locator("[data-testid=undo]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo import" }).ClickAsync();
        await page.Locator("[data-testid=undo-done]").WaitForAsync();

        (await row.InnerTextAsync()).Should().Contain("undone");
        var queries = new LeagueQueries(app.Database.DataSource, ScoringSettings.Default);
        (await queries.LeagueAsync("Retail Banking", "2026-Q3")).Rows.Should().HaveCount(3, "the earlier import stands");
        var q4 = () => queries.LeagueAsync("Retail Banking", "2026-Q4");
        await q4.Should().ThrowAsync<NotFoundException>("the wave the undone import created is gone with its rows");
        (await queries.SectorsAsync()).Single(s => s.Name == "Retail Banking").Waves.Should().Equal("2026-Q3");
        File.Delete(file);
    }

    [Fact]
    public async Task A_user_makes_an_api_token_in_the_browser_and_the_api_takes_it()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/account/tokens");
        await page.Locator("[data-testid=tokens], [data-testid=no-tokens]").First.WaitForAsync(); // the list, or a sentence that there is none
        await page.GetByLabel("What is it for?").FillAsync("Power BI");
        await page.Locator("[data-testid=create-token]").ClickAsync();
        var secret = (await page.Locator("[data-testid=new-token] code").InnerTextAsync()).Trim();

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        using var response = await http.GetAsync(app.BaseUrl + "/api/v1/sectors");

        secret.Should().StartWith("cxp_");
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await page.Locator("[data-testid=tokens]").InnerTextAsync()).Should().Contain("Power BI").And.NotContain(secret);
        (await page.Locator("[data-testid=no-tokens]").CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_comes_back_after()
    {
        var page = await app.NewAnonymousPageAsync();
        await page.GotoAsync(app.BaseUrl + "/methodology");
        page.Url.Should().Contain("/account/sign-in");

        await DashboardFixture.SubmitSignInAsync(page, DashboardFixture.Email, DashboardFixture.Password);

        await page.WaitForURLAsync(app.BaseUrl + "/methodology");
        await page.Locator("[data-testid=signed-in-as]").WaitForAsync();
        await page.Locator("[data-testid=sign-out]:visible").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        await page.GotoAsync(app.BaseUrl + "/");
        page.Url.Should().Contain("/account/sign-in");
    }
}
