using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;

namespace CxPlus.Data.Tests;

/// <summary>data-format.md: a file is imported whole or not at all, and a refusal names every problem.</summary>
public sealed class ImportTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();
    private readonly ScoringSettings _settings = ScoringSettings.Default;

    private ResponseImporter Importer() => new(db.DataSource, _settings, TimeProvider.System);

    private Task<ImportResult> Import(string path, bool replace = false) =>
        Importer().ImportAsync(path, new ImportOptions(Path.GetFileName(path), "test", replace));

    private Task ClearAsync() => db.ClearStoreAsync();

    [Fact]
    public async Task The_worked_example_imports_and_its_league_table_is_the_methodologys()
    {
        await ClearAsync();
        var result = await Import(Samples.Path("worked-example.csv"));

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        var summary = result.Summary!;
        (summary.CustomerRows, summary.ProspectRows).Should().Be((360, 180));
        summary.CreatedSectors.Should().Equal("Retail Banking");
        summary.CreatedWaves.Should().Equal("2026-Q3");
        summary.CreatedBrands.Should().HaveCount(3);

        var table = await new LeagueQueries(db.DataSource, _settings).LeagueAsync("retail banking", "2026-q3");

        table.Rows.Select(r => (r.Brand, r.Rank, Rounding.Whole(r.Index!.Value), Rounding.OneDecimal(r.Result.Score!.Value)))
            .Should().Equal(("Bank C", 1, 105, 76.0), ("Bank B", 2, 104, 75.0), ("Bank A", 3, 91, 66.0));
        Rounding.OneDecimal(table.Average!.Value).Should().Be(72.3);
        table.Find("Bank A")!.Result.Gap!.Value.Should().BeApproximately(-4, 1e-9);
        table.Find("Bank C")!.Result.AppliedGap.Should().Be(5);
    }

    [Fact]
    public async Task The_invalid_sample_is_refused_with_every_problem_and_its_line_and_nothing_is_written()
    {
        await ClearAsync();
        var before = await db.SnapshotAsync();

        var result = await Import(Samples.Path("invalid.csv"));

        result.Succeeded.Should().BeFalse();
        var text = result.Problems.Select(p => p.ToString()).ToArray();
        text.Should().BeEquivalentTo(
            "line 3, column role: \"klant\" is not customer or prospect",
            "line 4, column empowered_employees: \"11\" is outside the rating scale 0..10",
            "line 5: respondent_id \"X1\" appears twice for brand \"Bank A\" in wave 2026-Q3 (also line 2)",
            "line 6, column empowered_customers: \"seven\" is not a whole number",
            "line 6, column weight: \"-1\" is outside the allowed weight range 0.0001..10000",
            "line 7: has 8 fields, but the header has 14; check for a missing or extra comma or an unclosed quote",
            "line 8, column sector: is empty; every row needs a sector",
            "line 8, column nps: \"12\" is outside 0..10",
            "line 8, column csat: \"0\" is outside 1..5",
            "line 8, column ces: \"8\" is outside 1..7");
        result.Problems.Select(p => p.Line).Should().BeInAscendingOrder();
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Weights_outside_0_0001_to_10000_are_refused_with_their_line_and_the_limits_themselves_are_accepted()
    {
        await ClearAsync();
        var before = await db.SnapshotAsync();
        string Row(int i, string weight) => $"W1,S,B,R{i},customer,7,7,7,7,7,{weight},,,";

        var refused = await Import(_files.Lines(Row(1, "1e-200"), Row(2, "0.00009"), Row(3, "10000.5"), Row(4, "1e200"), Row(5, "0"), Row(6, "1")));

        refused.Problems.Select(p => p.ToString()).Should().Equal(
            "line 2, column weight: \"1e-200\" is outside the allowed weight range 0.0001..10000",
            "line 3, column weight: \"0.00009\" is outside the allowed weight range 0.0001..10000",
            "line 4, column weight: \"10000.5\" is outside the allowed weight range 0.0001..10000",
            "line 5, column weight: \"1e200\" is outside the allowed weight range 0.0001..10000",
            "line 6, column weight: \"0\" is outside the allowed weight range 0.0001..10000");
        (await db.SnapshotAsync()).Should().Be(before);

        var accepted = await Import(_files.Lines(Row(1, "0.0001"), Row(2, "10000"), Row(3, "1e-4"), Row(4, "1e4")));
        accepted.Succeeded.Should().BeTrue(string.Join("\n", accepted.Problems));
    }

    [Fact]
    public async Task A_check_says_per_brand_what_the_file_brings_whether_it_will_be_ranked_and_which_new_names_look_like_old_ones()
    {
        await ClearAsync();
        var settings = new ScoringSettings(minCustomers: 3, minProspects: 1);
        var importer = new ResponseImporter(db.DataSource, settings, TimeProvider.System);
        (await importer.ImportAsync(_files.Lines([.. Rows("W1", "Telecom", "Orbitel", "R", 1, 2), .. Rows("W1", "Telecom", "Orbitel", "P", 1, 1, role: "prospect")]),
            new ImportOptions("first.csv", "test"))).Succeeded.Should().BeTrue();

        var check = await importer.ImportAsync(_files.Lines([.. Rows("W1", "Telecom", "Orbitel", "X", 1, 1), .. Rows("W1", "Telecoms", "Orbitell", "R", 1, 4),
            .. Rows("W1", "Telecom", "Orbitell", "R", 1, 1), .. Rows("W1", "Télécom", "Relay", "R", 1, 1)]), new ImportOptions("second.csv", "test", Preview: true));

        var brands = check.Summary!.Brands;
        brands.Should().ContainSingle(b => b.Brand == "Orbitel" && b.Sector == "Telecom").Which.Should().Match<BrandPreview>(b => b.Ranked && b.CustomersAfter == 3 && b.ProspectsAfter == 1 && b.CustomerRows == 1,
            "2 stored + 1 new customers reach the base");
        brands.Should().ContainSingle(b => b.Brand == "Orbitell" && b.Sector == "Telecom").Which.Reason.Should().Be("low base: 1 customers < 3, 0 prospects < 1");
        brands.Should().ContainSingle(b => b.Sector == "Telecoms").Which.CustomerRows.Should().Be(4);
        check.Summary.LookAlikes.Select(l => l.ToString()).Should().BeEquivalentTo(
            "new sector \"Telecoms\" looks like the existing sector \"Telecom\"",
            "new sector \"Télécom\" looks like the existing sector \"Telecom\" (it has U+00E9 é)",
            "new brand \"Orbitell\" in Telecom looks like the existing brand \"Orbitel\"");
    }

    [Fact]
    public async Task A_check_warns_of_names_in_another_script_or_fullwidth_against_the_store_and_within_the_file()
    {
        // The review: "Bаnk" (a Cyrillic а), "ＢＡＮＫ" and two spellings new in one file went unwarned.
        await ClearAsync();
        var importer = new ResponseImporter(db.DataSource, new ScoringSettings(minCustomers: 1, minProspects: 1), TimeProvider.System);
        (await importer.ImportAsync(_files.Lines(Rows("W1", "Banking", "Bank", "R", 1, 2)), new ImportOptions("first.csv", "test"))).Succeeded.Should().BeTrue();

        var check = await importer.ImportAsync(_files.Lines([.. Rows("W1", "Banking", "B\u0430nk", "R", 1, 1), .. Rows("W1", "Banking", "\uFF22\uFF21\uFF2E\uFF2B", "R", 1, 1),
            .. Rows("W1", "Banking", "Pay", "R", 1, 1), .. Rows("W1", "Banking", "\u0420ay", "R", 1, 1)]), new ImportOptions("second.csv", "test", Preview: true));

        check.Summary!.LookAlikes.Select(l => l.ToString()).Should().BeEquivalentTo(
            "new brand \"B\u0430nk\" in Banking looks like the existing brand \"Bank\" (it has U+0430 \u0430)",
            "new brand \"\uFF22\uFF21\uFF2E\uFF2B\" in Banking looks like the existing brand \"Bank\" (it has U+FF22 \uFF22, U+FF21 \uFF21, U+FF2E \uFF2E, U+FF2B \uFF2B)",
            "new brands \"Pay\" and \"\u0420ay\" in Banking in this file look alike (it has U+0420 \u0420)");
    }

    [Fact]
    public async Task The_same_bytes_twice_are_refused_naming_the_earlier_import()
    {
        await ClearAsync();
        var path = _files.Lines(Rows("W1", "S", "B", "R", 1, 3));
        var first = await Import(path);
        var before = await db.SnapshotAsync();

        var again = await Import(path);

        again.Succeeded.Should().BeFalse();
        again.Problems.Single().ToString().Should().StartWith($"file: these exact bytes were already imported as import {first.Summary!.ImportId} (");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_respondent_that_already_exists_is_refused_with_its_line_and_earlier_import()
    {
        await ClearAsync();
        var first = await Import(_files.Lines(Rows("W1", "S", "B", "R", 1, 3)));
        var before = await db.SnapshotAsync();

        // Names match case-insensitively: "s"/"b" are sector S and brand B.
        var result = await Import(_files.Lines([.. Rows("W1", "S", "B", "New", 1, 2), .. Rows("W1", "s", "b", "R", 2, 2)]));

        result.Succeeded.Should().BeFalse();
        result.Problems.Select(p => p.Line).Should().Equal(4, 5);
        result.Problems[0].ToString().Should().Match(
            $"line 4: respondent_id \"R2\" already exists for brand \"B\" in wave W1 from import {first.Summary!.ImportId} ({first.Summary.FileName}, * UTC); import with replace*");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Replace_swaps_that_waves_data_for_the_files_brands_in_one_transaction_and_says_what_it_replaced()
    {
        await ClearAsync();
        var first = await Import(_files.Lines([.. Rows("W1", "S", "B", "R", 1, 3), .. Rows("W1", "S", "Other", "R", 1, 2)]));
        await Import(_files.Lines(Rows("W2", "S", "B", "R", 1, 2)));

        var result = await Import(_files.Lines([.. Rows("W1", "S", "B", "R", 2, 4, rating: 9), .. Rows("W1", "S", "B", "P", 1, 2, role: "prospect")]), replace: true);

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        result.Summary!.ReplacedRows.Should().Be(3);
        result.Summary.ReplacedImports.Should().Equal(first.Summary!.ImportId);
        await using var command = db.DataSource.CreateCommand("""
            SELECT w.code, b.name, count(*), avg(r.clear_brand_promise)::float8 FROM responses r
            JOIN waves w ON w.id = r.wave_id JOIN brands b ON b.id = r.brand_id
            GROUP BY w.code, b.name ORDER BY w.code, b.name
            """);
        var rows = new List<(string, string, long, double)>();
        await using (var r = await command.ExecuteReaderAsync())
            while (await r.ReadAsync()) rows.Add((r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3)));
        rows.Should().Equal(("W1", "B", 6L, (4 * 9 + 2 * 7) / 6.0), ("W1", "Other", 2L, 7.0), ("W2", "B", 2L, 7.0));
        await using var stored = db.DataSource.CreateCommand($"SELECT replaced_rows, replaced_imports FROM imports WHERE id = {result.Summary.ImportId}");
        await using (var r = await stored.ExecuteReaderAsync())
        {
            (await r.ReadAsync()).Should().BeTrue();
            r.GetInt32(0).Should().Be(3);
            r.GetFieldValue<long[]>(1).Should().Equal(first.Summary.ImportId);
        }
        await AssertRollupsMatchResponses();
    }

    [Fact]
    public async Task A_fault_after_the_copy_rolls_everything_back()
    {
        await ClearAsync();
        await Import(_files.Lines(Rows("W1", "S", "B", "R", 1, 3)));
        var before = await db.SnapshotAsync();
        var importer = Importer();
        importer.AfterCopy = _ => throw new IOException("disk on fire");

        var act = () => importer.ImportAsync(_files.Lines([.. Rows("W2", "New sector", "New brand", "R", 1, 5), .. Rows("W1", "S", "B", "R", 1, 3)]),
            new ImportOptions("f.csv", "test", Replace: true));

        await act.Should().ThrowAsync<IOException>();
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_clean_file_is_copied_in_one_pass_and_its_rollups_match_its_rows()
    {
        await ClearAsync();
        var importer = Importer();

        var result = await importer.ImportAsync(_files.Lines([.. Rows("W1", "S", "B", "R", 1, 3), .. Rows("W1", "S", "C", "P", 1, 2, role: "prospect")]),
            new ImportOptions("f.csv", "test"));

        result.Succeeded.Should().BeTrue();
        importer.LastPath.Should().Be(ResponseImporter.ImportPath.OnePass);
        await AssertRollupsMatchResponses();
        await using var ids = db.DataSource.CreateCommand("INSERT INTO waves (code) VALUES ('by sequence') RETURNING id");
        ((int)(await ids.ExecuteScalarAsync())!).Should().Be(2, "the id sequences move past ids given during the import");
    }

    [Fact]
    public async Task A_refused_file_is_diagnosed_on_the_careful_path()
    {
        await ClearAsync();
        var importer = Importer();

        var result = await importer.ImportAsync(_files.Lines([.. Rows("W1", "S", "B", "R", 1, 3), .. Rows("W1", "S", "B", "R", 2, 1)]), new ImportOptions("f.csv", "test"));

        importer.LastPath.Should().Be(ResponseImporter.ImportPath.Careful);
        result.Problems.Select(p => p.ToString()).Should().Equal("line 5: respondent_id \"R2\" appears twice for brand \"B\" in wave W1 (also line 3)");
    }

    [Fact]
    public async Task A_fault_after_the_one_pass_copy_rolls_everything_back()
    {
        await ClearAsync();
        await Import(_files.Lines(Rows("W1", "S", "B", "R", 1, 3)));
        var before = await db.SnapshotAsync();
        var importer = Importer();
        importer.AfterCopy = _ => throw new IOException("disk on fire");

        var act = () => importer.ImportAsync(_files.Lines(Rows("W2", "New sector", "New brand", "R", 1, 5)), new ImportOptions("f.csv", "test"));

        await act.Should().ThrowAsync<IOException>();
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_cancelled_import_leaves_nothing_behind()
    {
        await ClearAsync();
        var before = await db.SnapshotAsync();
        using var cancel = new CancellationTokenSource();
        var importer = Importer();
        importer.AfterCopy = _ => { cancel.Cancel(); cancel.Token.ThrowIfCancellationRequested(); return Task.CompletedTask; };

        var act = () => importer.ImportAsync(_files.Lines(Rows("W1", "S", "B", "R", 1, 5)), new ImportOptions("f.csv", "test"), cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await db.SnapshotAsync()).Should().Be(before);
    }

    public static TheoryData<byte[], string> Unreadable => new()
    {
        { [], "file: the file is empty" },
        { "wave,sector\n"u8.ToArray(), "header: required column brand is missing" },
        { System.Text.Encoding.UTF8.GetBytes(Files.Header + "\n"), "file: the header has no data rows below it" },
        { [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x14], "line 1: holds a NUL byte, so it is not CSV text (a binary file, or a field holding binary data); export the responses as UTF-8 CSV" },
        { [.. System.Text.Encoding.UTF8.GetBytes(Files.Header + "\nW,S,B,R,customer,7,7,7,7,7,,,,\nW,S,Br"), 0xE9, (byte)'\n'],
          "line 3: the file is not UTF-8 text (it has a byte sequence that is not UTF-8); save it as UTF-8 CSV" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task A_file_that_is_not_a_response_file_is_refused_in_plain_words(byte[] content, string problem)
    {
        var before = await db.SnapshotAsync();

        var result = await Import(_files.WriteBytes(content));

        result.Succeeded.Should().BeFalse();
        result.Problems.Select(p => p.ToString()).Should().Contain(problem);
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Every_missing_required_column_is_named()
    {
        var result = await Import(_files.Write("wave,sector,brand,respondent_id,role,clear_brand_promise,lasting_memories,extra\nW,S,B,R,customer,1,2,x\n"));

        result.Problems.Select(p => p.ToString()).Should().Equal(
            "header: required column empowered_employees is missing",
            "header: required column empowered_customers is missing",
            "header: required column exceptional_delivery is missing");
    }

    [Fact]
    public async Task Free_column_order_case_a_bom_quoting_blank_lines_and_extra_columns_are_accepted()
    {
        await ClearAsync();
        var content = "\uFEFF Role ,BRAND,Sector,wave,respondent_id,Exceptional_Delivery,lasting_memories,empowered_customers,empowered_employees,clear_brand_promise,remark\n" +
            "customer,\"Bank, \"\"The\"\" One\",\" Retail Banking \",W1,R1,7,7,7,7,7,\"multi\nline\"\n" +
            "\n" +
            "Prospect,\"Bank, \"\"The\"\" One\",Retail Banking,W1,R2,5,5,5,,5,\"two\r\nlines\"\n" +
            "customer,\"Bank, \"\"The\"\" One\",retail banking,W1,R3,x,7,7,7,7,\n";

        var result = await Import(_files.Write(content));

        // Line numbers count physical lines: quoted newlines push the bad row to line 7.
        result.Problems.Select(p => p.ToString()).Should().Equal("line 7, column exceptional_delivery: \"x\" is not a whole number");

        var good = await Import(_files.Write(content.Replace("R3,x,", "R3,6,")));
        good.Succeeded.Should().BeTrue(string.Join("\n", good.Problems));
        good.Summary!.CreatedBrands.Should().Equal("Bank, \"The\" One (Retail Banking)");
        good.Summary.Warnings.Select(w => w.ToString()).Should().Equal("columns ignored (not part of the response format): remark");
        (good.Summary.CustomerRows, good.Summary.ProspectRows).Should().Be((2, 1));
    }

    [Fact]
    public async Task Weights_and_indicators_are_stored_and_empty_weight_means_1()
    {
        await ClearAsync();
        var result = await Import(_files.Lines("W,S,B,R1,customer,7,,7,7,7,2.5,9,4,6", "W,S,B,R2,customer,7,7,7,7,7,,0,1,1"));

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        await using var command = db.DataSource.CreateCommand("SELECT string_agg(concat_ws('/', empowered_employees, weight, nps, csat, ces), ' ' ORDER BY line) FROM responses");
        (await command.ExecuteScalarAsync()).Should().Be("2.5/9/4/6 7/1/0/1/1");
    }

    [Fact]
    public async Task Respondent_ids_in_any_script_up_to_the_length_limit_are_kept_as_the_pseudonyms_of_exactly_those_ids()
    {
        await ClearAsync();
        // Up to 4 UTF-8 bytes per character and enough rows for the COPY buffer to be sent many times.
        string[] shapes = ["Ré-{0}", new string('€', 95) + "{0:D4}", string.Concat(Enumerable.Repeat("😀", 48)) + "{0:D4}", "{0}"];
        var ids = Enumerable.Range(0, 2000).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, shapes[i % shapes.Length], i)).ToArray();

        var result = await Import(_files.Lines([.. ids.Select(id => $"W,S,B,{id},customer,7,,7,7,7,,,,")]));

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        await using var command = db.DataSource.CreateCommand("SELECT respondent_id, empowered_employees IS NULL FROM responses ORDER BY line");
        var stored = new List<string>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            stored.Add(r.GetString(0));
            r.GetBoolean(1).Should().BeTrue();
        }
        using var pseudonyms = await db.PseudonymsAsync();
        stored.Should().Equal(ids.Select(pseudonyms.Of), "each id's exact bytes give its pseudonym");
        stored.Should().OnlyHaveUniqueItems().And.OnlyContain(id => RespondentPseudonyms.IsPseudonym(id), "no fieldwork id is stored");
    }

    [Fact]
    public async Task A_file_of_more_than_a_thousand_stored_respondents_counts_them_all_and_sums_them_up_per_brand()
    {
        // The review: 5,000 respondents imported again read "1,001 problems … and 1 more".
        await ClearAsync();
        await Import(_files.Lines([.. Rows("W1", "S", "A", "R", 1, 1200), .. Rows("W1", "S", "B", "R", 1, 300)]));

        var again = await Import(_files.Lines([.. Rows("W1", "S", "A", "R", 1, 1200), .. Rows("W1", "S", "B", "R", 1, 300), .. Rows("W1", "S", "B", "X", 1, 5, role: "client")]));

        again.Succeeded.Should().BeFalse();
        again.ProblemCount.Should().Be(1505);
        again.Problems.Should().HaveCount(ProblemList.Capacity);
        again.Summary.Should().BeNull();
        again.Kinds.Select(k => (k.Kind, k.Count)).Should().Equal(
            ("respondent_id already stored for brand \"A\" in wave W1", 1200),
            ("respondent_id already stored for brand \"B\" in wave W1", 300),
            ("column role: … is not customer or prospect", 5));
    }

    [Fact]
    public async Task A_check_uses_no_import_number_so_imports_stay_numbered_one_after_another()
    {
        await ClearAsync();
        var first = await Import(_files.Lines(Rows("W1", "S", "B", "R", 1, 3)));
        foreach (var preview in new[] { Rows("W1", "S", "B", "X", 1, 3), ["W1,S,B,Y1,client,7,7,7,7,7,,,,"] })
            await Importer().ImportAsync(_files.Lines(preview), new ImportOptions("check.csv", "test", Preview: true));

        var second = await Import(_files.Lines(Rows("W1", "S", "B", "Z", 1, 3)));

        (first.Summary!.ImportId, second.Summary!.ImportId).Should().Be((1, 2));
    }

    [Fact]
    public async Task Problems_beyond_the_first_thousand_are_counted()
    {
        var rows = Enumerable.Range(1, 1500).Select(i => $"W,S,B,R{i},client,7,7,7,7,7,,,,").ToArray();

        var result = await Import(_files.Lines(rows));

        result.ProblemCount.Should().Be(1500);
        result.Problems.Should().HaveCount(ProblemList.Capacity);
        result.Problems[0].ToString().Should().Be("line 2, column role: \"client\" is not customer or prospect");
    }

    private Task AssertRollupsMatchResponses() => RollupAssert.MatchResponsesAsync(db, _settings);

    private static string FirstFileName(ImportResult r) => r.Summary!.FileName;

    /// <summary>Rows for brand B in wave W: respondents prefix1..prefixN, all customers rating 7.</summary>
    private static string[] Rows(string wave, string sector, string brand, string prefix, int from, int count, string role = "customer", int rating = 7) =>
        [.. Enumerable.Range(from, count).Select(i => $"{wave},{sector},{brand},{prefix}{i},{role},{rating},{rating},{rating},{rating},{rating},,,,")];

    public void Dispose() => _files.Dispose();
}
