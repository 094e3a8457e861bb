using System.Text.Json;
using CxPlus.Data.Tests;
using Npgsql;

namespace CxPlus.Cli.Tests;

/// <summary>The awkward-names sector imported by the real cxplus, once for the class.</summary>
public sealed class AwkwardCli : IAsyncLifetime
{
    private readonly Files _files = new();
    public PostgresDatabase Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var (exit, _, err) = await CxplusProcess.Run(Database.ConnectionString, "import", _files.Write(AwkwardNames.Csv(), "awkward.csv"));
        exit.Should().Be(0, err);
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        _files.Dispose();
    }
}

/// <summary>Issue #15 breaks 3, 10 and 11 through the real binary: files, terminals, exit codes.</summary>
public sealed class CliSafetyTests(AwkwardCli store) : IClassFixture<AwkwardCli>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cxplus-cli-safety-").FullName;

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => CxplusProcess.Run(store.Database.ConnectionString, args);

    [Fact]
    public async Task Report_all_writes_one_distinct_file_per_brand_even_when_names_simplify_alike()
    {
        var folder = Path.Combine(_dir, "all");

        var (exit, stdout, err) = await Run("report", "--sector", AwkwardNames.Sector, "--wave", AwkwardNames.Wave, "--all", "--out", folder);

        exit.Should().Be(0, err);
        var files = Directory.GetFiles(folder, "*.pdf").Select(Path.GetFileName).ToArray();
        files.Should().HaveCount(AwkwardNames.Brands.Length).And.OnlyHaveUniqueItems();
        files.Where(f => !f!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')).Should().BeEmpty();
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(AwkwardNames.Brands.Length + 1, "and the league workbook");
    }

    [Fact]
    public async Task Report_all_overwrites_nothing_without_force()
    {
        var folder = Path.Combine(_dir, "again");
        (await Run("report", "--sector", AwkwardNames.Sector, "--wave", AwkwardNames.Wave, "--all", "--out", folder)).Exit.Should().Be(0);
        var before = Directory.GetFiles(folder).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var (exit, _, err) = await Run("report", "--sector", AwkwardNames.Sector, "--wave", AwkwardNames.Wave, "--all", "--out", folder);

        exit.Should().Be(2);
        err.Should().Contain("already exist").And.Contain("--force");
        Directory.GetFiles(folder).ToDictionary(f => f, File.GetLastWriteTimeUtc).Should().Equal(before);
        var forced = await Run("report", "--sector", AwkwardNames.Sector, "--wave", AwkwardNames.Wave, "--all", "--out", folder, "--force");
        forced.Exit.Should().Be(0, forced.Err);
    }

    [Fact]
    public async Task A_pptx_out_file_writes_the_powerpoint_deck()
    {
        var path = Path.Combine(_dir, "tryg.pptx");

        var (exit, stdout, err) = await Run("report", "--sector", AwkwardNames.Sector, "--wave", AwkwardNames.Wave, "--brand", "Tryg A/S", "--out", path);

        exit.Should().Be(0, err);
        stdout.Should().Contain("tryg.pptx");
        (await File.ReadAllBytesAsync(path)).Take(2).Should().Equal("PK"u8.ToArray());
        (await Run("report", "--sector", AwkwardNames.Sector, "--wave", AwkwardNames.Wave, "--brand", "Tryg A/S", "--out", Path.Combine(_dir, "x.docx"))).Exit.Should().Be(2);
    }

    [Fact]
    public async Task A_single_report_refuses_to_overwrite_a_file_without_force()
    {
        var path = Path.Combine(_dir, "one.pdf");
        await File.WriteAllTextAsync(path, "keep me");

        var (exit, _, err) = await Run("report", "--sector", AwkwardNames.Sector, "--wave", AwkwardNames.Wave, "--brand", "Tryg A/S", "--out", path);

        exit.Should().Be(2);
        err.Should().Contain("already exists");
        (await File.ReadAllTextAsync(path)).Should().Be("keep me");
    }

    [Fact]
    public async Task Output_never_carries_control_characters_from_the_data()
    {
        // Names stored before the name rule existed: the CLI must not hand their escapes to the terminal.
        await using (var connection = new NpgsqlConnection(store.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var evil = new NpgsqlCommand("UPDATE brands SET name = 'Evil' || chr(27) || '[2J' || chr(7) || chr(13) || 'Bank' WHERE name = 'A&B'", connection);
            (await evil.ExecuteNonQueryAsync()).Should().Be(1);
        }
        try
        {
            foreach (var args in new[] { new[] { "league", "--sector", AwkwardNames.Sector, "--wave", AwkwardNames.Wave }, ["sectors"], ["imports"],
                         ["league", "--sector", AwkwardNames.Sector, "--wave", AwkwardNames.Wave, "--format", "csv"] })
            {
                var (exit, stdout, err) = await Run(args);
                exit.Should().Be(0, err);
                (stdout + err).Where(c => char.IsControl(c) && c != '\n').Should().BeEmpty(string.Join(' ', args));
            }
            (await Run("league", "--sector", AwkwardNames.Sector, "--wave", AwkwardNames.Wave)).Out.Should().Contain("Evil\\u{001B}[2J");
        }
        finally
        {
            await using var connection = new NpgsqlConnection(store.Database.ConnectionString);
            await connection.OpenAsync();
            await using var restore = new NpgsqlCommand("UPDATE brands SET name = 'A&B' WHERE name LIKE 'Evil%'", connection);
            await restore.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task A_problem_on_a_100_mb_line_names_that_line()
    {
        var path = Path.Combine(_dir, "huge.csv");
        await using (var writer = new StreamWriter(path))
        {
            await writer.WriteAsync(Files.Header + "\n");
            await writer.WriteAsync("W1,S,B,R1,customer,7,7,7,7,7,,,,\nW1,S,B,R2,customer,7,7,7,7,7,,,,\n");
            await writer.WriteAsync("W1,S,B,R3,customer,7,7,7,7,7,,,,");
            await writer.WriteAsync(new string('x', 100 * 1024 * 1024));
            await writer.WriteAsync("\nW1,S,B,R4,customer,7,7,7,7,7,,,,\n");
        }

        var (exit, _, err) = await Run("import", path);

        exit.Should().Be(2);
        err.Should().Contain("line 4");
        File.Delete(path);
    }

    [Fact]
    public async Task Import_lists_the_segments_a_file_brings_per_brand_and_category()
    {
        await using var db = new PostgresDatabase();
        await db.InitializeAsync();

        var (exit, stdout, err) = await CxplusProcess.Run(db.ConnectionString, "import", Scoring.Tests.Samples.Path("segments-comments.csv"));

        exit.Should().Be(0, err);
        stdout.Should().Contain("  segment age: 18-34, 35-54, 55+\n    2026-Q3 Retail Banking, Bank A: 18-34 2 (1), 35-54 2 (0), 55+ 1 (1)\n")
            .And.Contain("  segment contact_reason: billing, move, outage, product\n");
        err.Should().Contain("warning: segment contact_reason is carried by customers only");
        stdout.Should().Contain("  9 comments; removed before anything was stored: 1 e-mail address, 1 web address, 1 bank account number, 1 phone number, 1 address and 1 other long number.\n");

        // Issue 28: the segment's own table (step 26), its minimums said; a wrong segment is named with those there are.
        var (tableExit, table, tableErr) = await CxplusProcess.Run(db.ConnectionString, "league", "--sector", "retail banking", "--wave", "2026-Q3", "--segment", "AGE=18-34");
        tableExit.Should().Be(0, tableErr);
        table.Should().StartWith("Retail Banking — 2026-Q3\nSegment age: 18-34. Every number is computed over each brand's respondents in this category; a brand is ranked with at least 50 customers and 30 prospects in it.\n")
            .And.Contain("low base: 2 customers < 50");
        var json = JsonDocument.Parse((await CxplusProcess.Run(db.ConnectionString, "league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--segment", "contact_reason=billing", "--format", "json")).Out).RootElement;
        json.GetProperty("segment").GetProperty("category").GetString().Should().Be("billing");
        json.GetProperty("segment").GetProperty("expectationOfAllProspects").EnumerateArray().Select(e => e.GetString()).Should().Contain("Bank A");
        var (missingExit, _, missing) = await CxplusProcess.Run(db.ConnectionString, "league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--segment", "region=Noord");
        missingExit.Should().NotBe(0);
        missing.Should().Contain("There is no segment \"region\" in Retail Banking 2026-Q3. Segments: age, contact_reason.");
        var (badExit, _, bad) = await CxplusProcess.Run(db.ConnectionString, "league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--segment", "age");
        badExit.Should().Be(2);
        bad.Should().Contain("--segment: \"age\" is not segment=category, e.g. --segment age=18-34.");

        // The segment's drivers and lens tables (step 26): its own respondents, too few here, said in words.
        var drivers = JsonDocument.Parse((await CxplusProcess.Run(db.ConnectionString, "drivers", "--sector", "Retail Banking", "--wave", "2026-Q3", "--segment", "age=35-54", "--format", "json")).Out).RootElement;
        drivers.GetProperty("segment").GetProperty("category").GetString().Should().Be("35-54");
        drivers.GetProperty("reason").GetString().Should().StartWith("too few complete respondents: ");
        var (lensExit, _, lens) = await CxplusProcess.Run(db.ConnectionString, "league", "--sector", "Retail Banking", "--wave", "2026-Q3", "--lens", "kei", "--segment", "age=35-54");
        lensExit.Should().Be(1, lens);
        lens.Should().Contain("Retail Banking has no KEI answers in 2026-Q3: its file did not carry those columns.");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>PostgreSQL going away in the middle of an import: exit 3 and a sentence, nothing half-loaded.</summary>
public sealed class LostDatabaseTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();

    [Fact]
    public async Task A_connection_lost_during_the_import_is_exit_3_with_a_sentence()
    {
        var rows = Enumerable.Range(0, 600_000).Select(i => $"W1,S,B{i / 1000},R{i},customer,7,7,{i % 11},7,7,,,,");
        var path = _files.Lines([.. rows]);
        var import = CxplusProcess.Run(db.ConnectionString, "import", path);

        // Cut the import's connection while it copies, as a stopped server would.
        await using (var admin = new NpgsqlConnection(db.ConnectionString))
        {
            await admin.OpenAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            var terminated = false;
            while (!terminated && DateTime.UtcNow < deadline && !import.IsCompleted)
            {
                await using var kill = new NpgsqlCommand("""
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'COPY responses%'
                    """, admin);
                terminated = (long)(await kill.ExecuteScalarAsync())! > 0;
                if (!terminated) await Task.Delay(20);
            }
            terminated.Should().BeTrue("the import was caught while copying");
        }
        var (exit, stdout, err) = await import;

        exit.Should().Be(3, stdout + err);
        err.Should().Contain("lost the connection to the database").And.Contain("nothing was changed").And.NotContain("   at ");
        (await db.CountAsync("responses")).Should().Be(0);
    }

    public void Dispose() => _files.Dispose();
}

/// <summary>cxplus rename and merge, through the real binary, in their own store.</summary>
public sealed class NameCommandTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();

    private Task<(int Exit, string Out, string Err)> Run(params string[] args) => CxplusProcess.Run(db.ConnectionString, args);

    [Fact]
    public async Task A_misspelt_brand_is_merged_and_a_sector_renamed_from_the_command_line()
    {
        var rows = Enumerable.Range(1, 6).Select(i => $"W1,Telecom,Orbitel,R{i},customer,7,7,7,7,7,,,,")
            .Concat(Enumerable.Range(1, 3).Select(i => $"W1,Telecom,Orbitell,X{i},customer,9,9,9,9,9,,,,"));
        (await Run("import", _files.Lines([.. rows]))).Exit.Should().Be(0);

        var unconfirmed = await Run("merge", "brand", "--sector", "telecom", "Orbitell", "Orbitel");
        var merged = await Run("merge", "brand", "--sector", "telecom", "Orbitell", "Orbitel", "--confirm", "--by", "dana");
        var renamed = await Run("rename", "sector", "Telecom", "Telecoms & Media");
        var clash = await Run("rename", "brand", "--sector", "Telecoms & Media", "Orbitel", "orbitel ");

        unconfirmed.Exit.Should().Be(2);
        unconfirmed.Err.Should().Contain("add --confirm");
        merged.Exit.Should().Be(0, merged.Err);
        merged.Out.Should().Contain("3 responses moved");
        renamed.Exit.Should().Be(0, renamed.Err);
        clash.Exit.Should().Be(0, "renaming to another spelling of the same name only changes the spelling");
        var (exit, csv, err) = await Run("league", "--sector", "telecoms & media", "--wave", "W1", "--format", "csv");
        exit.Should().Be(0, err);
        csv.Should().Contain("Telecoms & Media,W1,,orbitel,no");
        (await Run("imports")).Exit.Should().Be(0);
    }

    public void Dispose() => _files.Dispose();
}
