using CxPlus.Data.Importing;
using CxPlus.Scoring;

namespace CxPlus.Data.Tests;

/// <summary>
/// responses has no primary key (ADR 0006): the importer alone keeps respondent_id unique per
/// (wave, brand). These tests attack that from every side a file can: repeats within a file in
/// any order, respondents already stored, and many imports in a row checked against a model.
/// </summary>
public sealed class RespondentUniquenessTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly Files _files = new();

    private ResponseImporter Importer() => new(db.DataSource, ScoringSettings.Default, TimeProvider.System);

    private Task ClearAsync() => db.ClearStoreAsync();

    private static string Row(string wave, string brand, string respondent) => $"{wave},S,{brand},{respondent},customer,7,7,7,7,7,,,,";

    [Fact]
    public async Task A_repeat_in_a_brand_the_file_comes_back_to_is_found_and_named()
    {
        await ClearAsync();
        var before = await db.SnapshotAsync();
        var importer = Importer();

        var result = await importer.ImportAsync(_files.Lines(Row("W1", "B", "R1"), Row("W1", "B", "R2"), Row("W1", "C", "R1"), Row("W1", "B", "R1")),
            new ImportOptions("f.csv", "test"));

        importer.LastPath.Should().Be(ResponseImporter.ImportPath.Careful);
        result.Problems.Select(p => p.ToString()).Should().Equal("line 5: respondent_id \"R1\" appears twice for brand \"B\" in wave W1 (also line 2)");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_clean_file_that_is_not_grouped_by_brand_is_imported_in_one_pass_and_checked_in_the_store()
    {
        await ClearAsync();
        var importer = Importer();

        var result = await importer.ImportAsync(_files.Lines(Row("W1", "B", "R1"), Row("W1", "C", "R1"), Row("W1", "B", "R2"), Row("W2", "B", "R1")),
            new ImportOptions("f.csv", "test"));

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        importer.LastPath.Should().Be(ResponseImporter.ImportPath.OnePass, "the rows' hashes prove it in the client");
        (await StoredKeysAsync()).Should().BeEquivalentTo(["W1/B/R1", "W1/C/R1", "W1/B/R2", "W2/B/R1"]);
    }

    [Fact]
    public async Task Beyond_what_the_client_may_hold_the_store_checks_an_ungrouped_file_and_finds_a_repeat()
    {
        await ClearAsync();
        var before = await db.SnapshotAsync();
        var clean = Importer();
        clean.RespondentHashCapacity = 2;
        var cleanFile = _files.Lines(Row("W1", "B", "R1"), Row("W1", "C", "R1"), Row("W1", "B", "R2"));

        (await clean.ImportAsync(cleanFile, new ImportOptions("clean.csv", "test"))).Succeeded.Should().BeTrue();
        clean.LastPath.Should().Be(ResponseImporter.ImportPath.OnePassCheckedInStore);

        await ClearAsync();
        var repeating = Importer();
        repeating.RespondentHashCapacity = 2;
        var result = await repeating.ImportAsync(_files.Lines(Row("W1", "B", "R1"), Row("W1", "C", "R1"), Row("W1", "B", "R1")),
            new ImportOptions("repeat.csv", "test"));
        repeating.LastPath.Should().Be(ResponseImporter.ImportPath.Careful);
        result.Problems.Select(p => p.ToString()).Should().Equal("line 4: respondent_id \"R1\" appears twice for brand \"B\" in wave W1 (also line 2)");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task New_respondents_for_a_brand_and_wave_that_hold_data_are_added_after_a_check_against_the_stored_ones()
    {
        await ClearAsync();
        (await Importer().ImportAsync(_files.Lines(Row("W1", "B", "R1")), new ImportOptions("a.csv", "test"))).Succeeded.Should().BeTrue();
        var importer = Importer();

        var result = await importer.ImportAsync(_files.Lines(Row("W1", "B", "R2"), Row("W1", "B", "r1")), new ImportOptions("b.csv", "test"));

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        importer.LastPath.Should().Be(ResponseImporter.ImportPath.OnePassCheckedInStore, "a (wave, brand) with stored responses is checked set-wise");
        (await StoredKeysAsync()).Should().BeEquivalentTo(["W1/B/R1", "W1/B/R2", "W1/B/r1"], "respondent ids are compared byte for byte");
    }

    [Fact]
    public async Task A_file_not_grouped_by_brand_that_repeats_a_stored_respondent_is_refused_with_its_line_and_changes_nothing()
    {
        await ClearAsync();
        (await Importer().ImportAsync(_files.Lines(Row("W1", "B", "R1")), new ImportOptions("a.csv", "test"))).Succeeded.Should().BeTrue();
        var before = await db.SnapshotAsync();
        var importer = Importer();

        var result = await importer.ImportAsync(_files.Lines(Row("W1", "C", "R1"), Row("W1", "B", "R2"), Row("W1", "C", "R2"), Row("W1", "B", "R1")),
            new ImportOptions("b.csv", "test"));

        result.Succeeded.Should().BeFalse();
        importer.LastPath.Should().Be(ResponseImporter.ImportPath.Careful, "the store's check found a repeat: the careful path names it");
        result.Problems.Should().ContainSingle().Which.ToString().Should().StartWith("line 5: respondent_id \"R1\" already exists for brand \"B\" in wave W1 from import");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_new_wave_for_a_stored_brand_takes_the_fast_path()
    {
        await ClearAsync();
        (await Importer().ImportAsync(_files.Lines(Row("W1", "B", "R1")), new ImportOptions("a.csv", "test"))).Succeeded.Should().BeTrue();
        var importer = Importer();

        var result = await importer.ImportAsync(_files.Lines(Row("W2", "B", "R1"), Row("W2", "B", "R2")), new ImportOptions("b.csv", "test"));

        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        importer.LastPath.Should().Be(ResponseImporter.ImportPath.OnePass);
    }

    [Fact]
    public async Task A_file_that_changes_after_the_careful_checks_is_not_committed()
    {
        await ClearAsync();
        var before = await db.SnapshotAsync();
        var checkedBytes = System.Text.Encoding.UTF8.GetBytes(Files.Header + "\n" + Row("W1", "B", "R1") + "\n" + Row("W1", "B", "R2") + "\n");
        var copiedBytes = System.Text.Encoding.UTF8.GetBytes(Files.Header + "\n" + Row("W1", "B", "R1") + "\n" + Row("W1", "B", "R1") + "\n");
        // Replace always takes the careful path: a scan and a check pass read the first bytes, the copy pass the second.
        using var file = new ChangingStream(checkedBytes, copiedBytes, changeOnRead: 3);

        var act = () => Importer().ImportAsync(file, new ImportOptions("f.csv", "test", Replace: true));

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("The file changed while it was being imported*");
        (await db.SnapshotAsync()).Should().Be(before);
    }

    /// <summary>A seekable stream whose bytes change from the n-th read that starts at the beginning.</summary>
    private sealed class ChangingStream(byte[] first, byte[] then, int changeOnRead) : Stream
    {
        private int _readsFromStart;
        private byte[] _bytes = first;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position == 0 && ++_readsFromStart == changeOnRead) _bytes = then;
            var n = (int)Math.Min(count, _bytes.Length - Position);
            if (n <= 0) return 0;
            Array.Copy(_bytes, Position, buffer, offset, n);
            Position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _bytes.Length;
        public override long Position { get; set; }
        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => _bytes.Length + offset,
        };
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void The_grouped_check_vouches_only_for_what_it_holds()
    {
        var check = new GroupedRespondents();
        check.TryAdd((1, 1), "R1").Should().BeTrue();
        check.TryAdd((1, 1), "R2").Should().BeTrue();
        check.TryAdd((1, 1), "R1").Should().BeFalse("a repeat");
        check.TryAdd((1, 2), "R1").Should().BeTrue("another brand");
        check.TryAdd((1, 1), "R3").Should().BeFalse("the file came back to a brand it left: cannot tell");

        var big = new GroupedRespondents();
        Enumerable.Range(0, GroupedRespondents.MaxGroup).Count(i => big.TryAdd((1, 1), $"R{i}")).Should().Be(GroupedRespondents.MaxGroup);
        big.TryAdd((1, 1), "one more").Should().BeFalse("beyond its memory bound it hands over to the store's check");
        big.TryAdd((1, 2), "R1").Should().BeTrue("the bound is per (wave, brand)");
    }

    /// <summary>
    /// Ninety random files over a small space of waves, brands and respondents (so repeats and
    /// overlaps are common), some grouped and some shuffled, some with replace, imported one after
    /// another. After each, the store holds exactly what a model of the contract says: an import
    /// succeeds only without repeats in the file or (without replace) overlaps with the store.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_imports_never_store_a_respondent_twice_and_refuse_exactly_what_the_contract_refuses(int seed)
    {
        await ClearAsync();
        var random = new Random(seed);
        var model = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < 30; n++)
        {
            // Waves drawn from a widening range: files mix stored (wave, brand) pairs with new ones.
            var keys = Enumerable.Range(0, random.Next(1, 9))
                .Select(_ => (Wave: $"W{random.Next(1, 3 + n / 3)}", Brand: $"B{random.Next(1, 3)}", Respondent: $"R{random.Next(1, 6)}"))
                .ToList();
            if (random.Next(2) == 0) keys = [.. keys.OrderBy(k => k.Wave).ThenBy(k => k.Brand)];
            var replace = random.Next(4) == 0;
            var path = _files.Lines([.. keys.Select(k => Row(k.Wave, k.Brand, k.Respondent))]);

            var result = await Importer().ImportAsync(path, new ImportOptions($"{seed}-{n}.csv", "test", replace));

            var inFile = keys.Select(k => $"{k.Wave}/{k.Brand}/{k.Respondent}").ToList();
            var repeats = inFile.Count != inFile.Distinct().Count();
            var pairs = keys.Select(k => $"{k.Wave}/{k.Brand}/").ToHashSet();
            var overlaps = !replace && inFile.Any(model.Contains);
            var why = $"seed {seed}, file {n}: {string.Join(" ", inFile)} (replace {replace}); store {string.Join(" ", model)}";
            result.Succeeded.Should().Be(!repeats && !overlaps, why);
            if (result.Succeeded)
            {
                if (replace) model.RemoveWhere(k => pairs.Any(k.StartsWith));
                model.UnionWith(inFile);
            }
            var stored = await StoredKeysAsync();
            stored.Should().OnlyHaveUniqueItems(why);
            stored.Should().BeEquivalentTo(model, why);
        }
    }

    /// <summary>Wave/brand/respondent of every stored row, the respondent as the test's files name it (the store keeps pseudonyms).</summary>
    private async Task<List<string>> StoredKeysAsync()
    {
        using var pseudonyms = await db.PseudonymsAsync();
        var fieldwork = Enumerable.Range(0, 100).SelectMany(i => new[] { $"R{i}", $"r{i}" }).ToDictionary(pseudonyms.Of);
        await using var command = db.DataSource.CreateCommand("""
            SELECT w.code || '/' || b.name || '/', r.respondent_id FROM responses r
            JOIN waves w ON w.id = r.wave_id JOIN brands b ON b.id = r.brand_id
            """);
        var keys = new List<string>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync()) keys.Add(r.GetString(0) + fieldwork.GetValueOrDefault(r.GetString(1), r.GetString(1)));
        return keys;
    }

    public void Dispose() => _files.Dispose();
}
