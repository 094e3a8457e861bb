using CxPlus.Data.Importing;
using CxPlus.Scoring;
using CxPlus.Scoring.Tests;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issue 28's first step: <c>segment_&lt;name&gt;</c> columns (data-format.md, methodology step 26) are
/// read, checked and kept with each response; the check lists each segment's categories per brand,
/// warns of look-alike categories and of segments no prospect carries; a file past the limits is
/// refused whole with the column named.
/// </summary>
public sealed class SegmentImportTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();
    private const string Header = Files.Header + ",segment_age,segment_region";

    private Task<ImportResult> Import(string path, bool preview = false) =>
        new ResponseImporter(db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(path, new ImportOptions(Path.GetFileName(path), "test", Preview: preview));

    private async Task<List<(string Respondent, string? Segments)>> StoredAsync()
    {
        await using var command = db.DataSource.CreateCommand("SELECT line, segments::jsonb::text FROM responses ORDER BY line");
        await using var r = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?)>();
        while (await r.ReadAsync()) rows.Add((r.GetInt32(0).ToString(System.Globalization.CultureInfo.InvariantCulture), r.IsDBNull(1) ? null : r.GetString(1)));
        return rows;
    }

    [Fact]
    public async Task The_samples_segments_are_kept_with_each_response_and_listed_per_brand_and_category()
    {
        await db.ClearStoreAsync();

        var result = await Import(Samples.Path("segments-comments.csv"));

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
        var stored = await StoredAsync();
        stored.Should().HaveCount(12);
        stored[0].Segments.Should().Be("""{"age": "18-34", "contact_reason": "billing"}""", "line 2 as jsonb writes it");
        stored[2].Segments.Should().Be("""{"age": "55+"}""", "an empty cell is in no category");
        var s = result.Summary!;
        s.Segments.Select(x => x.Segment).Should().Equal("age", "contact_reason");
        var age = s.Segments[0];
        age.Categories.Should().Equal("18-34", "35-54", "55+");
        var bankA = age.Brands.Single(b => b.Brand == "Bank A");
        (bankA.Customers, bankA.Prospects).Should().BeEquivalentTo((new[] { 2, 2, 1 }, new[] { 1, 0, 1 }), o => o.WithStrictOrdering());
        s.Segments[1].Categories.Should().Equal("billing", "move", "outage", "product");
        result.Warnings.Select(w => w.ToString()).Should().Contain(
            "segment contact_reason is carried by customers only: its tables use the expectation of all the brand's prospects (methodology step 26)")
            .And.NotContain(w => w.StartsWith("segment age is carried", StringComparison.Ordinal));
        // Issue 29: the comment column is read, its personal data replaced before it is stored (step 28).
        result.Warnings.Select(w => w.ToString()).Should().NotContain(w => w.StartsWith("columns ignored", StringComparison.Ordinal));
        s.Comments.Should().BeEquivalentTo(new CommentSummary(9, new Dictionary<CxPlus.Scoring.Comments.PersonalData, int>
        {
            [CxPlus.Scoring.Comments.PersonalData.Email] = 1, [CxPlus.Scoring.Comments.PersonalData.Link] = 1, [CxPlus.Scoring.Comments.PersonalData.Iban] = 1,
            [CxPlus.Scoring.Comments.PersonalData.Phone] = 1, [CxPlus.Scoring.Comments.PersonalData.Address] = 1, [CxPlus.Scoring.Comments.PersonalData.Number] = 1,
        }));
        var everything = await db.AllTextAsync();
        everything.Should().Contain("[telefoon]");
        foreach (var secret in new[] { "p.jansen@voorbeeld.be", "06 87654321", "3011 AD 12", "BE71 0961 2345 6769", "https://example.org/review?id=88231", "4412907" })
            everything.Should().NotContain(secret);
    }

    [Fact]
    public async Task Look_alike_categories_are_said_and_a_file_without_segments_stores_none()
    {
        await db.ClearStoreAsync();
        var file = _files.Lines(Header,
        [
            "W1,S,B,R1,customer,7,7,7,7,7,,9,4,6,18-34,Noord",
            "W1,S,B,R2,customer,7,7,7,7,7,,9,4,6,18–34,noord",
            "W1,S,B,R3,prospect,7,7,7,7,7,,,,,35-54,",
        ]);

        var result = await Import(file);

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(3)));
        result.Warnings.Select(w => w.ToString()).Should().ContainMatch("segment age: \"18-34\" and \"18–34\" look alike but count as two categories*");
        result.Summary!.Segments[1].Categories.Should().Equal(["Noord"], "categories follow the name rule: noord is Noord");
        (await StoredAsync())[1].Segments.Should().Be("""{"age": "18–34", "region": "Noord"}""");

        await db.ClearStoreAsync();
        var plain = await Import(_files.Lines("W1,S,B,R1,customer,7,7,7,7,7,,9,4,6"));
        plain.Summary!.Segments.Should().BeEmpty();
        (await StoredAsync()).Single().Segments.Should().BeNull();
    }

    public static TheoryData<string, string[], string> Refused => new()
    {
        {
            Files.Header + ",segment_",
            ["W1,S,B,R1,customer,7,7,7,7,7,,9,4,6,x"],
            "header: column 15 (segment_) is a segment column without a name: write it as segment_ and the segment's name, e.g. segment_age"
        },
        {
            Files.Header + string.Concat(Enumerable.Range(1, 21).Select(i => $",segment_s{i}")),
            ["W1,S,B,R1,customer,7,7,7,7,7,,9,4,6" + new string(',', 21)],
            "header: the file has 21 segment columns; at most 20 are allowed in one file"
        },
        {
            Files.Header + ",segment_age",
            [.. Enumerable.Range(1, 51).Select(i => $"W1,S,B,R{i},customer,7,7,7,7,7,,9,4,6,c{i}")],
            "line 52, column segment_age: column segment_age has more than 50 different categories (\"c51\" is one too many): a segment has a few categories, and this column looks like an identifier or free text; leave it out of the file or group its values"
        },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_past_the_segment_rules_is_refused_whole_with_the_column_named(string header, string[] rows, string problem)
    {
        await db.ClearStoreAsync();
        var before = await db.SnapshotAsync();

        var result = await Import(_files.Lines(header, rows));

        result.Succeeded.Should().BeFalse();
        result.Problems.Select(p => p.ToString()).Should().Equal(problem);
        (await db.SnapshotAsync()).Should().Be(before, "nothing is written");
    }

    [Fact]
    public async Task A_column_of_ten_thousand_identifiers_is_one_problem_not_ten_thousand()
    {
        await db.ClearStoreAsync();

        var result = await Import(_files.Lines(Files.Header + ",segment_customer_number",
            [.. Enumerable.Range(1, 10_000).Select(i => $"W1,S,B,R{i},customer,7,7,7,7,7,,9,4,6,{100000 + i}")]));

        result.Succeeded.Should().BeFalse();
        result.ProblemCount.Should().Be(1);
        result.Problems.Single().Column.Should().Be("segment_customer_number");
    }

    public void Dispose() => _files.Dispose();
}
