using System.Text;
using CxPlus.Data.Importing;
using CxPlus.Scoring;
using Microsoft.Extensions.Logging;

namespace CxPlus.Data.Tests;

/// <summary>
/// Whatever arrives (truncated, binary, endless lines, another encoding, absurd numbers), the
/// importer answers with problems in words and the store is exactly as before; and a preview
/// says what an import would do without doing it.
/// </summary>
public sealed class MalformedInputTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();
    private const string Good = "W1,S,B,R1,customer,7,7,7,7,7,,9,4,6";

    private Task<ImportResult> Import(string path, bool preview = false) =>
        new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(path, new ImportOptions(Path.GetFileName(path), "test", Preview: preview));

    public static TheoryData<string, byte[], string> Malformed
    {
        get
        {
            static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
            var header = Files.Header + "\n";
            return new()
            {
                { "truncated mid-row", Utf8(header + Good + "\nW1,S,B,R2,customer,7,7"), "line 3" },
                { "truncated inside a quote", Utf8(header + Good + "\nW1,\"S,B,R2,customer,7,7,7,7,7,,,,\n"), "line 3: a quoted field is never closed" },
                { "random binary", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256))], "binary data" },
                { "NUL bytes in a row", Utf8(header + "W1,S,B,R\0\0,customer,7,7,7,7,7,,,,\n"), "binary data" },
                { "a 5 MB line", Utf8(header + "W1,S,B," + new string('x', 5_000_000) + ",customer,7,7,7,7,7,,,,\n"), "line 2: a record is longer than 1024 KB" },
                { "a 5 MB line after good ones", Utf8(header + Good + "\n" + Good.Replace("R1", "R2") + "\nW1,S,B," + new string('x', 5_000_000) + ",customer,7,7,7,7,7,,,,\n"), "line 4: a record is longer than 1024 KB" },
                { "Latin-1 instead of UTF-8", [.. Utf8(header), .. Encoding.Latin1.GetBytes("W1,S,Caf\u00e9,R1,customer,7,7,7,7,7,,,,\n")], "line 2" },
                { "UTF-16", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(header + Good + "\n")).ToArray(), "file: the file is UTF-16 text" },
                { "a huge rating", Utf8(header + "W1,S,B,R1,customer,99999999999999999999,7,7,7,7,,,,\n"), "line 2, column clear_brand_promise" },
                { "a weight beyond double", Utf8(header + "W1,S,B,R1,customer,7,7,7,7,7,1e999,,,\n"), "line 2, column weight" },
                { "a NaN weight", Utf8(header + "W1,S,B,R1,customer,7,7,7,7,7,NaN,,,\n"), "line 2, column weight" },
                { "a huge NPS", Utf8(header + "W1,S,B,R1,customer,7,7,7,7,7,,1e9,,\n"), "line 2, column nps" },
                { "only a header and commas", Utf8(header + ",,,,,,,,,,,,,\n"), "line 2" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_files_are_refused_with_problems_in_words_and_nothing_changes(string name, byte[] content, string mentions)
    {
        var before = await db.SnapshotAsync();

        var result = await Import(_files.WriteBytes(content));

        result.Succeeded.Should().BeFalse(name);
        result.ProblemCount.Should().BeGreaterThan(0);
        result.Problems.Should().OnlyContain(p => p.Message.Length > 10 && p.Message.Length < 400, "each problem is a sentence, not a dump");
        string.Join("\n", result.Problems).Should().Contain(mentions);
        (await db.SnapshotAsync()).Should().Be(before, name);
    }

    [Fact]
    public async Task A_preview_reports_what_an_import_would_do_and_changes_nothing()
    {
        var before = await db.SnapshotAsync();
        var path = _files.Lines(Good, "W1,S,B,R2,prospect,6,6,6,6,6,,,,");

        var preview = await Import(path, preview: true);

        preview.Succeeded.Should().BeTrue();
        (preview.Summary!.CustomerRows, preview.Summary.ProspectRows).Should().Be((1, 1));
        preview.Summary.CreatedWaves.Should().Equal("W1");
        (await db.SnapshotAsync()).Should().Be(before);
        (await Import(path)).Succeeded.Should().BeTrue("a preview leaves nothing that would refuse the real import");
    }

    [Fact]
    public async Task The_import_log_says_who_what_and_the_outcome_but_no_respondent_data()
    {
        var log = new LogCapture();
        using var logging = LoggerFactory.Create(b => b.AddProvider(log));
        var importer = new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System, new AuditLog(db.DataSource, TimeProvider.System, logging));

        await importer.ImportAsync(_files.Lines("W9,S9,B9,SECRET-1,customer,7,7,7,7,7,,,,", "W9,S9,B9,SECRET-2,klant,7,7,7,7,7,,,,"),
            new ImportOptions("wave9.csv", "dana@example.com"));

        var line = log.Lines.Should().ContainSingle().Which;
        line.Category.Should().Be(AuditLog.Category);
        line.Message.Should().Contain("import wave9.csv by dana@example.com").And.Contain("refused with 1 problems").And.NotContain("SECRET");
        var audit = await new AuditLog(db.DataSource, TimeProvider.System).ListAsync(actor: "dana@");
        audit.Should().ContainSingle().Which.Should().Match<AuditEntry>(e => e.Action == "import" && e.Target == "wave9.csv" && e.Outcome.StartsWith("refused with 1 problems"));
    }

    public void Dispose() => _files.Dispose();
}
