using System.Diagnostics;
using System.Text.Json;
using CxPlus.Data.Tests;
using CxPlus.Scoring.Tests;

namespace CxPlus.Cli.Tests;

/// <summary>The real cxplus binary, run as a process against a real PostgreSQL database.</summary>
/// <summary>A database into which the real cxplus imported the worked example, once for the class.</summary>
public sealed class WorkedExampleCli : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public (int Exit, string Out, string Err) Import { get; private set; }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Import = await CxplusProcess.Run(Database.ConnectionString, "import", Samples.Path("worked-example.csv"));
        // Checked and released (issue 30): the reports and files below are the released wave's.
        (await CxplusProcess.Run(Database.ConnectionString, "waves", "release", "--all")).Exit.Should().Be(0);
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}

public sealed partial class CliTests(WorkedExampleCli store) : IClassFixture<WorkedExampleCli>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cxplus-cli-").FullName;

    private static Task<(int Exit, string Out, string Err)> Cxplus(string? connectionString, params string[] args) => CxplusProcess.Run(connectionString, args);
}

/// <summary>Runs the built cxplus.dll with the given database.</summary>
public static class CxplusProcess
{
    public static Task<(int Exit, string Out, string Err)> Run(string? connectionString, params string[] args) =>
        Run(connectionString, null, null, args);

    /// <summary>With extra environment variables and text on standard input.</summary>
    public static async Task<(int Exit, string Out, string Err)> Run(string? connectionString, IDictionary<string, string>? environment, string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cxplus.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("ConnectionStrings__CxPlus");
        if (connectionString is not null) start.Environment["ConnectionStrings__CxPlus"] = connectionString;
        using var process = Process.Start(start)!;
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}

public sealed partial class CliTests
{
    private readonly PostgresDatabase db = store.Database;

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => Cxplus(db.ConnectionString, args);

    [Fact]
    public async Task Import_then_league_as_json_reproduces_the_worked_example()
    {
        store.Import.Exit.Should().Be(0, store.Import.Err);
        store.Import.Out.Should().StartWith("Imported worked-example.csv as import 1: 360 customer rows, 180 prospect rows.");

        var (exit, json, _) = await Run("league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--format", "json");

        exit.Should().Be(0);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        root.GetProperty("sector").GetString().Should().Be("Retail Banking");
        root.GetProperty("settings").GetProperty("cap").GetDouble().Should().Be(5);
        var rows = root.GetProperty("rows").EnumerateArray().ToArray();
        rows.Select(r => (r.GetProperty("rank").GetInt32(), r.GetProperty("brand").GetString(), r.GetProperty("verdict").GetString()))
            .Should().Equal((1, "Bank C", "Under-promises"), (2, "Bank B", "Over-delivers"), (3, "Bank A", "Under-delivers"));
        rows[2].GetProperty("gap").GetProperty("value").GetDouble().Should().BeApproximately(-4, 1e-9);
        rows[2].GetProperty("gap").GetProperty("significant").GetBoolean().Should().BeTrue();
        rows[0].GetProperty("score").GetProperty("value").GetDouble().Should().BeApproximately(76, 1e-9);
        rows[0].GetProperty("appliedGap").GetDouble().Should().Be(5);
        Math.Round(rows[1].GetProperty("index").GetProperty("value").GetDouble()).Should().Be(104);
        rows[1].GetProperty("index").GetProperty("low").GetDouble().Should().BeLessThan(104);
        rows[1].GetProperty("rankRange").GetProperty("high").GetInt32().Should().Be(2);
        rows[2].GetProperty("versusAverage").GetProperty("position").GetString().Should().Be("below");
        rows[0].GetProperty("factors").GetArrayLength().Should().Be(5);
        foreach (var name in new[] { "nCustomers", "nProspects", "performance", "expectation", "reason", "eligible", "nps", "csat", "ces", "movement", "rankRange", "versusAverage",
                     "shortfalls", "effectiveCustomers", "effectiveProspects", "gapAboveCapNotSignificantly" })
            rows[0].TryGetProperty(name, out _).Should().BeTrue(name);
        // Methodology v3: who can lead (step 20b), NPS with its adjusted Wald interval, the settings it adds.
        root.GetProperty("leaders").EnumerateArray().Select(e => e.GetString()).Should().Equal("Bank C");
        root.GetProperty("canBeLast").EnumerateArray().Select(e => e.GetString()).Should().Equal("Bank A");
        rows[0].GetProperty("nps").GetProperty("low").GetDouble().Should().BeLessThan(rows[0].GetProperty("nps").GetProperty("value").GetDouble());
        root.GetProperty("settings").GetProperty("minEffectiveShare").GetDouble().Should().Be(0.5);
        root.GetProperty("settings").GetProperty("minDriverIntervalBase").GetInt32().Should().Be(400);

        var (_, csv, _) = await Run("league", "--sector", "retail banking", "--wave", "2026-q3", "--format", "csv");
        csv.Split('\n')[1].Should().StartWith("Retail Banking,2026-Q3,1,Bank C,yes,,120,60,120.0,60.0,1,1,yes,no,105,");
    }

    [Fact]
    public async Task League_in_Dutch_writes_the_table_and_the_csv_as_a_Dutch_reader_does()
    {
        store.Import.Exit.Should().Be(0, store.Import.Err);

        var (exit, table, err) = await Run("league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--language", "nl");
        var (_, csv, _) = await Run("league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--format", "csv", "--language", "nl");
        var (_, json, _) = await Run("league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--format", "json", "--language", "nl");
        var (refused, _, message) = await Run("league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--language", "fr");

        exit.Should().Be(0, err);
        var lines = table.Split('\n');
        lines[1].Should().StartWith("Positie").And.Contain("Merk").And.Contain("Oordeel");
        lines.Should().Contain(l => l.Contains("Bank A") && l.Contains("66,0") && l.Contains("−4,0*") && l.Contains("Onderpresteert"));
        table.Should().Contain("Sectorgemiddelde CX+ score: 72,3 (index 100)");
        csv.Split('\n')[1].Should().StartWith("Retail Banking;2026-Q3;1;Bank C;ja;;120;60;120,0;60,0;1;1;ja;nee;105;");
        json.Should().Contain("\"verdict\": \"Under-delivers\"", "JSON is for machines in every language");
        refused.Should().Be(2);
        message.Should().Contain("fr");
    }

    [Fact]
    public async Task Import_warns_of_new_names_that_look_like_stored_ones()
    {
        // The review: the check page warned of look-alikes, cxplus import printed none.
        await using var own = new PostgresDatabase();
        await own.InitializeAsync();
        (await Cxplus(own.ConnectionString, "import", Samples.Path("worked-example.csv"))).Exit.Should().Be(0);
        var file = Path.Combine(_dir, "cyrillic.csv");
        await File.WriteAllTextAsync(file, Files.Header + "\n2026-Q3,Retail Banking,B\u0430nk A,X1,customer,7,7,7,7,7,,9,4,6\n");

        var (exit, _, err) = await Cxplus(own.ConnectionString, "import", file);

        exit.Should().Be(0, err);
        err.Should().Contain("warning: new brand \"B\u0430nk A\" in Retail Banking looks like the existing brand \"Bank A\" (it has U+0430 \u0430)")
            .And.Contain("merge them: cxplus merge brand --sector S FROM INTO --confirm");
    }

    [Fact]
    public async Task A_bad_file_prints_every_problem_exits_2_and_changes_nothing()
    {
        var before = await db.SnapshotAsync();

        var (exit, _, err) = await Run("import", Samples.Path("invalid.csv"));

        exit.Should().Be(2);
        err.Should().Contain("invalid.csv was not imported; nothing was changed. 10 problems:")
            .And.Contain("line 3, column role: \"klant\" is not customer or prospect")
            .And.Contain("line 8, column ces: \"8\" is outside 1..7");
        // Ten problems of ten kinds: the list says it all, no summary by kind.
        err.Should().NotContain("By kind:");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Report_all_writes_one_pdf_per_brand_and_the_league_workbook()
    {
        store.Import.Exit.Should().Be(0, store.Import.Err);
        var folder = Path.Combine(_dir, "reports");

        var (exit, stdout, err) = await Run("report", "--sector", "Retail Banking", "--wave", "2026-Q3", "--all", "--out", folder);

        exit.Should().Be(0, err);
        Directory.GetFiles(folder, "*.pdf").Select(Path.GetFileName).Should().BeEquivalentTo(
            "cx-report-bank_a-retail_banking-2026-q3.pdf", "cx-report-bank_b-retail_banking-2026-q3.pdf", "cx-report-bank_c-retail_banking-2026-q3.pdf");
        File.Exists(Path.Combine(folder, "cx-league-retail_banking-2026-q3.xlsx")).Should().BeTrue("the bundle holds the league workbook");
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(4);
    }

    [Theory]
    [InlineData(2, "Give either --brand NAME or --all.", "report", "--sector", "S", "--wave", "W", "--out", "x.pdf")]
    [InlineData(2, "Undo removes import 5's rows from every league table; add --confirm to do it.", "undo", "5")]
    [InlineData(1, "There is no import 424242.", "undo", "424242", "--confirm")]
    [InlineData(2, "Erasing removes the respondent's answers about Bank A in 2026-Q3 for good; add --confirm to do it.", "respondents", "erase", "--wave", "2026-Q3", "--brand", "Bank A", "--id", "Ac0001")]
    [InlineData(1, "There is no wave \"1999-Q1\".", "respondents", "erase", "--wave", "1999-Q1", "--brand", "Bank A", "--id", "Ac0001", "--confirm")]
    [InlineData(1, "There is no sector \"Nope\".", "league", "--sector", "Nope", "--wave", "2026-Q3")]
    [InlineData(2, "There is no file", "import", "/no/such/file.csv")]
    [InlineData(2, "Option '--wave' is required.", "league", "--sector", "X")]
    [InlineData(2, "Argument 'xml' not recognized", "league", "--sector", "X", "--wave", "W", "--format", "xml")]
    [InlineData(2, "Unrecognized command or argument '--nope'", "sectors", "--nope")]
    public async Task Bad_requests_get_one_clear_sentence_and_a_nonzero_exit(int code, string message, params string[] args)
    {
        var (exit, stdout, err) = await Run(args);

        exit.Should().Be(code);
        (stdout + err).Should().Contain(message).And.NotContain("   at ");
    }

    [Fact]
    public async Task An_unreachable_database_is_one_sentence_not_a_stack_trace()
    {
        var (exit, _, err) = await Cxplus("Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x;Timeout=3", "sectors");

        exit.Should().Be(3);
        err.Trim().Should().StartWith("Cannot reach the database:").And.NotContain("   at ");
    }

    [Fact]
    public async Task Without_a_connection_string_it_says_how_to_set_one()
    {
        var (exit, _, err) = await Cxplus(null, "waves");

        exit.Should().Be(3);
        err.Should().Contain("set ConnectionStrings__CxPlus");
    }

    [Theory]
    [InlineData("Scoring__Cap", "five", "Scoring:Cap", "waves")]
    [InlineData("Clients__Competitors", "hidden", "Clients:Competitors", "waves")]
    [InlineData("Branding__Font", "Arial, Calibri", "Branding:Font", "sectors")]
    public async Task A_mistyped_setting_stops_a_command_with_its_name_as_the_web_app_start_does(string variable, string value, string named, string command)
    {
        // Issue #31: the CLI builds the web app's services in the same kind of host, checked before any work.
        var (exit, output, err) = await CxplusProcess.Run(db.ConnectionString, new Dictionary<string, string> { [variable] = value }, null, command);

        exit.Should().Be(2, err);
        err.Should().Contain(named).And.NotContain("   at ");
        output.Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>The demo command, in its own database so its sectors do not mix with the worked example.</summary>
public sealed class DemoCommandTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cxplus-demo-").FullName;

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => CxplusProcess.Run(db.ConnectionString, args);

    [Fact]
    public async Task Demo_writes_a_file_that_imports_cleanly()
    {
        var path = Path.Combine(_dir, "demo.csv");

        var (exit, stdout, _) = await Run("demo", "--out", path, "--seed", "3", "--scale", "0.2");

        exit.Should().Be(0);
        stdout.Should().StartWith("Wrote ");
        File.ReadLines(path).First().Should().Be(Files.Header + ",personalisation,integrity,expectations,resolution,time_and_effort,empathy,effectiveness,ease,emotion" +
            ",segment_age,segment_region,segment_lifecycle,segment_contact_reason,comment");
        File.ReadLines(path).Skip(1).Select(l => l.Split(',')[1]).Distinct().Should().HaveCount(4);
        var (importExit, imported, importErr) = await Run("import", path);
        importExit.Should().Be(0, importErr);
        imported.Should().MatchRegex(@"  [\d,]+ comments; removed before anything was stored: .*\d+ phone numbers?", "the demo plants personal data for step 28 to remove");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
