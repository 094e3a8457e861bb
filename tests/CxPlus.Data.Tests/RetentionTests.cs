using System.Globalization;
using CxPlus.Data.Curation;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using CxPlus.Scoring.Lenses;

namespace CxPlus.Data.Tests;

/// <summary>
/// Issue #25: respondent rows must not be kept for ever (GDPR storage limitation), yet every number
/// published from them must stay. Retention removes the rows of waves last imported into more than
/// N months ago; league tables, key drivers with their intervals and priorities read exactly as before,
/// and the closed wave refuses what would need its respondents.
/// </summary>
public sealed class RetentionTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>, IDisposable
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private const string Header = Files.Header + ",personalisation,integrity,expectations,resolution,time_and_effort,empathy";
    private static readonly DateTimeOffset Old = new(2024, 1, 10, 9, 0, 0, TimeSpan.Zero), Recent = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero),
        Today = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    // 150 complete customers a brand: above an interval base of 100, so the bootstrap reads their rows.
    private static readonly ScoringSettings Settings = new(minCustomers: 50, minProspects: 20, minDriverIntervalBase: 100);
    private readonly Files _files = new();
    private readonly Clock _clock = new();

    /// <summary>Customers whose recommendation follows their ratings (so drivers are estimable) and some prospects.</summary>
    private static IEnumerable<string> Rows(string wave, string sector, string brand, int seed)
    {
        var random = new Random(seed);
        for (var i = 1; i <= 190; i++)
        {
            var customer = i <= 150;
            var f = Enumerable.Range(0, 5).Select(_ => random.Next(3, 11)).ToArray();
            var p = Enumerable.Range(0, 6).Select(_ => random.Next(3, 11)).ToArray();
            var nps = Math.Clamp((int)Math.Round(0.3 * f[0] + 0.5 * f[3] + 0.2 * p[1] + random.NextDouble() * 3 - 1.5), 0, 10);
            yield return customer
                ? $"{wave},{sector},{brand},R{i},customer,{string.Join(",", f)},{1 + random.Next(0, 3) * 0.5},{nps},{random.Next(1, 6)},{random.Next(1, 8)},{string.Join(",", p)}"
                : $"{wave},{sector},{brand},R{i},prospect,{string.Join(",", f)},1,,,,,,,,,";
        }
    }

    private ResponseImporter Importer => new(db.DataSource, Settings, _clock);
    private LeagueQueries Queries => new(db.DataSource, Settings); // no cache: every read goes to the store
    private RespondentRetention Retention => new(db.DataSource, Queries, new AuditLog(db.DataSource, _clock), _clock);

    /// <summary>W1 (Alpha, Beta, Gamma in S; Tau in T) imported long ago, W2 (Alpha, Beta, Delta) last month.</summary>
    private async Task ArrangeAsync()
    {
        await db.ClearStoreAsync();
        _clock.Now = Old;
        (await Importer.ImportAsync(_files.Lines(Header, [.. Rows("W1", "S", "Alpha", 1), .. Rows("W1", "S", "Beta", 2), .. Rows("W1", "S", "Gamma", 3), .. Rows("W1", "T", "Tau", 4)]),
            new ImportOptions("w1.csv", "dana"))).Succeeded.Should().BeTrue();
        _clock.Now = Recent;
        (await Importer.ImportAsync(_files.Lines(Header, [.. Rows("W2", "S", "Alpha", 5), .. Rows("W2", "S", "Beta", 6), .. Rows("W2", "S", "Delta", 7)]),
            new ImportOptions("w2.csv", "dana"))).Succeeded.Should().BeTrue();
        _clock.Now = Today;
    }

    /// <summary>Every number a reader sees of a sector's wave: the table, and each brand's and the sector's drivers in both lenses, to the last bit.</summary>
    private async Task<string> PublishedAsync(string sector, string wave, params string[] brands)
    {
        var table = await Queries.LeagueAsync(sector, wave);
        var lines = table.Rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Brand} {r.Rank} {r.Result.Customers.N} {r.Result.Prospects.N} {r.Result.Score?.Value:R} {r.Result.Score?.Low:R} {r.Result.Score?.High:R} {r.Result.Gap?.Value:R} {r.Result.Customers.Nps?.Value:R}")).ToList();
        foreach (var brand in brands.Prepend(null))
            foreach (var lens in new[] { Lens.Cx, Lens.Cee })
            {
                var d = await Queries.DriversAsync(sector, wave, brand, lens);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{brand ?? "pooled"} {lens} n={d.N} r2={d.RSquared:R} boot={d.Bootstrapped} ") +
                    string.Join(" ", d.Predictors.Select(p => string.Create(CultureInfo.InvariantCulture,
                        $"{p.Key}/{p.Name}={p.RawWeight:R}:{p.Importance.Value:R}[{p.Importance.Low:R},{p.Importance.High:R}]"))));
            }
        return string.Join("\n", lines);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Retention_removes_the_respondent_rows_of_old_waves_and_every_published_number_stays()
    {
        await ArrangeAsync();
        var w1 = await PublishedAsync("S", "W1", "Alpha", "Beta", "Gamma");
        var w2 = await PublishedAsync("S", "W2", "Alpha", "Beta", "Delta");
        w1.Should().Contain("Alpha Cx n=150").And.Contain("boot=True", "the intervals come from the respondents");

        var due = await Retention.DueAsync(24);
        var retained = await Retention.RetainAsync(24, "dana");

        due.Should().Equal(new RetentionWave("W1", Old, 760));
        retained.Should().Equal(due);
        (await ScalarAsync("SELECT count(*) FROM responses r JOIN waves w ON w.id = r.wave_id WHERE w.code = 'W1'")).Should().Be(0);
        (await ScalarAsync("SELECT count(*) FROM driver_groups g JOIN waves w ON w.id = g.wave_id WHERE w.code = 'W1'")).Should().Be(0,
            "a small brand's group holds a handful of respondents: near enough their answers to go with them");
        (await ScalarAsync("SELECT count(*) FROM responses r JOIN waves w ON w.id = r.wave_id WHERE w.code = 'W2'")).Should().Be(570);
        (await PublishedAsync("S", "W1", "Alpha", "Beta", "Gamma")).Should().Be(w1, "every published number of the retained wave stays, intervals included");
        (await PublishedAsync("S", "W2", "Alpha", "Beta", "Delta")).Should().Be(w2);
        (await new ImportHistory(db.DataSource, Settings, _clock).ListAsync()).Select(i => (i.FileName, i.RetainedAt))
            .Should().Equal(("w2.csv", (DateTimeOffset?)null), ("w1.csv", Today));
        await using (var audit = db.DataSource.CreateCommand("SELECT actor || ' ' || action || ' ' || target || ': ' || outcome FROM audit_events WHERE action = 'retain'"))
            ((string)(await audit.ExecuteScalarAsync())!).Should().Be(
                "dana retain wave W1: 760 respondent rows removed (last import 2024-01-10, more than 24 months ago); rollups and key drivers kept");
        (await Retention.RetainAsync(24, "dana")).Should().BeEmpty("nothing is due twice");
        (await Retention.RetainedAsync()).Should().Equal(("W1", Today));
    }

    [Fact]
    public async Task A_wave_with_a_recent_import_keeps_its_rows()
    {
        await ArrangeAsync();
        _clock.Now = Recent;
        (await Importer.ImportAsync(_files.Lines(Header, Rows("W1", "S", "Epsilon", 8)), new ImportOptions("late.csv", "dana"))).Succeeded.Should().BeTrue();
        _clock.Now = Today;

        (await Retention.RetainAsync(24, "dana")).Should().BeEmpty("W1's last import is a month old");
        (await Retention.DueAsync(1)).Select(d => d.Wave).Should().Equal("W1", "W2");
    }

    [Fact]
    public async Task A_retained_wave_refuses_imports_undo_and_erasure_in_words_and_nothing_changes()
    {
        await ArrangeAsync();
        await Retention.RetainAsync(24, "dana");
        var before = await db.SnapshotAsync();

        var added = await Importer.ImportAsync(_files.Lines(Header, Rows("W1", "S", "Epsilon", 8)), new ImportOptions("late.csv", "dana"));
        var replaced = await Importer.ImportAsync(_files.Lines(Header, Rows("W1", "S", "Alpha", 9)), new ImportOptions("again.csv", "dana", Replace: true));
        var undo = () => new ImportHistory(db.DataSource, Settings, _clock).UndoAsync(1, "dana");
        var erase = () => new RespondentErasure(db.DataSource, Settings, new AuditLog(db.DataSource, _clock)).EraseAsync("W1", null, "Alpha", "R3", "dana");

        foreach (var refused in new[] { added, replaced })
        {
            refused.Succeeded.Should().BeFalse();
            refused.Problems.Select(p => p.Message).Should().Contain(
                "wave W1 was closed on 2026-12-06: retention removed its respondent rows and froze its published numbers, so no file can add to it or replace its data");
        }
        (await undo.Should().ThrowAsync<UndoRefusedException>()).WithMessage(
            "Import 1 (w1.csv) cannot be undone: retention removed its respondent rows on 2026-12-06, and its numbers stay published.");
        (await erase.Should().ThrowAsync<NotFoundException>()).WithMessage("Retention removed every respondent row of W1 on 2026-12-06*nothing to erase*");
        (await db.SnapshotAsync()).Should().Be(before);
        (await Importer.ImportAsync(_files.Lines(Header, Rows("W2", "S", "Epsilon", 8)), new ImportOptions("w2-late.csv", "dana"))).Succeeded
            .Should().BeTrue("other waves take imports as before");
    }

    [Fact]
    public async Task A_rollup_rebuild_keeps_what_retained_waves_published()
    {
        await ArrangeAsync();
        await Retention.RetainAsync(24, "dana");
        var w1 = await PublishedAsync("S", "W1", "Alpha");
        var w2 = await PublishedAsync("S", "W2", "Alpha");

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await RoleRollups.RebuildAsync(connection, Settings, default);
            await transaction.CommitAsync();
        }

        (await PublishedAsync("S", "W1", "Alpha")).Should().Be(w1);
        (await PublishedAsync("S", "W2", "Alpha")).Should().Be(w2);
    }

    [Fact]
    public async Task Merges_that_would_need_retained_respondents_are_refused_and_others_keep_the_frozen_drivers()
    {
        await ArrangeAsync();
        await Retention.RetainAsync(24, "dana");
        var names = new NameChanges(db.DataSource, new AuditLog(db.DataSource, _clock));
        var before = await db.SnapshotAsync();

        var bothInW1 = () => names.MergeBrandAsync("S", "Beta", "Alpha", "dana");
        var sectorsBothInW1 = () => names.MergeSectorAsync("T", "S", "dana");

        (await bothInW1.Should().ThrowAsync<NameChangeRefusedException>()).WithMessage(
            "\"Beta\" and \"Alpha\" both have responses in W1, whose respondent rows retention removed;*Nothing was changed.");
        (await sectorsBothInW1.Should().ThrowAsync<NameChangeRefusedException>()).WithMessage("\"T\" and \"S\" both have responses in W1*");
        (await db.SnapshotAsync()).Should().Be(before);

        // Gamma (only in W1) was renamed Delta (only in W2): merged, Delta's W1 reads what Gamma's did.
        var gamma = (await PublishedAsync("S", "W1", "Gamma")).Replace("Gamma", "Delta", StringComparison.Ordinal);
        await names.MergeBrandAsync("S", "Gamma", "Delta", "dana");
        (await PublishedAsync("S", "W1", "Delta")).Should().Be(gamma);
    }

    [Fact]
    public async Task A_period_outside_one_month_to_a_century_is_refused()
    {
        var zero = () => Retention.DueAsync(0);
        var negative = () => Retention.RetainAsync(-3, "dana");
        (await zero.Should().ThrowAsync<ArgumentException>()).WithMessage("The retention period is a whole number of months from 1 to 1200; 0 is not.");
        await negative.Should().ThrowAsync<ArgumentException>();
    }

    public void Dispose() => _files.Dispose();
}
