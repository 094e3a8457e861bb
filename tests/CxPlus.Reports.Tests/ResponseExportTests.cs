using System.Text;
using CxPlus.Data;
using CxPlus.Data.Demo;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Tests;
using CxPlus.Scoring;

namespace CxPlus.Reports.Tests;

public sealed class ResponseExportTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresDatabase _source = new(), _target = new();
    private readonly Files _files = new();
    private readonly ScoringSettings _settings = ScoringSettings.Default;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_source.InitializeAsync(), _target.InitializeAsync());
        var demo = _files.Path_("demo.csv");
        await using (var writer = File.CreateText(demo)) DemoBenchmark.Write(writer, seed: 5);
        (await new ResponseImporter(_source.DataSource, _settings, TimeProvider.System).ImportAsync(demo, new ImportOptions("demo.csv", "test")))
            .Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task An_exported_wave_reimports_to_the_same_league_table()
    {
        var wave = DemoBenchmark.Waves[^1];
        var path = _files.Path_("export.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            (await ResponseExport.WriteAsync(_source.DataSource, "insurance", wave, writer)).Should().BeGreaterThan(1000);

        var reimported = await new ResponseImporter(_target.DataSource, _settings, TimeProvider.System).ImportAsync(path, new ImportOptions("export.csv", "test"));

        reimported.Succeeded.Should().BeTrue(string.Join("\n", reimported.Problems.Take(3)));
        var before = await new LeagueQueries(_source.DataSource, _settings).LeagueAsync("Insurance", wave);
        var after = await new LeagueQueries(_target.DataSource, _settings).LeagueAsync("Insurance", wave);
        // The source has earlier waves (movement); compare the wave's own numbers.
        LeagueCsv.ToCsv(after).Split('\n').Select(StripMovement).Should().Equal(LeagueCsv.ToCsv(before).Split('\n').Select(StripMovement));
        after.Rows.Zip(before.Rows).Should().OnlyContain(p => p.First.Brand == p.Second.Brand);
        foreach (var (a, b) in after.Rows.Zip(before.Rows))
            a.Result.Score!.Value.Should().BeApproximately(b.Result.Score!.Value, 1e-9, a.Brand);
    }

    /// <summary>The demo's segment columns, as the export writes them (in name order).</summary>
    private const string Segments = ",segment_age,segment_contact_reason,segment_lifecycle,segment_region";

    [Fact]
    public async Task A_wave_with_lens_answers_exports_them_and_reimports_to_the_same_lens_tables()
    {
        var wave = DemoBenchmark.Waves[^1];
        var path = _files.Path_("banking.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            await ResponseExport.WriteAsync(_source.DataSource, "Retail Banking", wave, writer);
        File.ReadLines(path).First().Should().EndWith(",ces,personalisation,integrity,expectations,resolution,time_and_effort,empathy,effectiveness,ease,emotion" + Segments + ",comment");

        (await new ResponseImporter(_target.DataSource, _settings, TimeProvider.System).ImportAsync(path, new ImportOptions("banking.csv", "test"))).Succeeded.Should().BeTrue();

        var before = await new LeagueQueries(_source.DataSource, _settings).AnsweredLensesAsync("Retail Banking", wave);
        var after = await new LeagueQueries(_target.DataSource, _settings).AnsweredLensesAsync("Retail Banking", wave);
        after.Select(t => t.Lens).Should().Equal(before.Select(t => t.Lens)).And.HaveCount(2);
        foreach (var (a, b) in after.Zip(before))
            a.Rows.Select(r => (r.Brand, r.Rank, r.N, Math.Round(r.Score!.Value, 9))).Should().Equal(b.Rows.Select(r => (r.Brand, r.Rank, r.N, Math.Round(r.Score!.Value, 9))));
        // The demo's segments travel too (issue 28): a segment's table is the same after the round trip.
        var young = await new LeagueQueries(_target.DataSource, _settings).SegmentLeagueAsync("Retail Banking", wave, "age", "18-34");
        var youngBefore = await new LeagueQueries(_source.DataSource, _settings).SegmentLeagueAsync("Retail Banking", wave, "age", "18-34");
        young.Rows.Select(r => (r.Brand, r.Rank, r.Result.Customers.N, Math.Round(r.Result.Score?.Value ?? 0, 9)))
            .Should().Equal(youngBefore.Rows.Select(r => (r.Brand, r.Rank, r.Result.Customers.N, Math.Round(r.Result.Score?.Value ?? 0, 9))));

        var energy = _files.Path_("energy.csv");
        await using (var writer = new StreamWriter(energy, false, new UTF8Encoding(false)))
            await ResponseExport.WriteAsync(_source.DataSource, "Energy", wave, writer);
        File.ReadLines(energy).First().Should().EndWith(",nps,csat,ces" + Segments + ",comment", "a wave without lens answers exports no lens columns");
    }

    [Fact]
    public async Task Unknown_sector_is_named()
    {
        var act = () => ResponseExport.WriteAsync(_source.DataSource, "Nope", "2026-Q3", TextWriter.Null);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage("There is no sector \"Nope\".");
    }

    [Fact]
    public async Task A_wave_whose_rows_retention_removed_says_so_instead_of_an_empty_file()
    {
        await using (var backdate = _source.DataSource.CreateCommand("UPDATE imports SET imported_at = imported_at - interval '5 years'"))
            await backdate.ExecuteNonQueryAsync();
        var wave = DemoBenchmark.Waves[0];
        await new RespondentRetention(_source.DataSource, new LeagueQueries(_source.DataSource, _settings), new AuditLog(_source.DataSource, TimeProvider.System), TimeProvider.System)
            .RetainAsync(24, "test");

        var act = () => ResponseExport.WriteAsync(_source.DataSource, "Insurance", wave, TextWriter.Null);

        await act.Should().ThrowAsync<NotFoundException>().WithMessage(
            $"Retention removed the respondent rows of {wave} on {DateTime.UtcNow:yyyy-MM-dd}; only its published totals remain, so there are no responses to export.");
    }

    // The movement columns (previous_wave … rank_change) and the settings column end each line: the
    // re-imported wave has no previous wave. Counted from the end, where no quoted comma can shift them.
    private static readonly int MovementAndSettings = LeagueColumns.All.Count - LeagueColumns.All.ToList().FindIndex(c => c.Key == "previous_wave") + 1;

    private static string StripMovement(string line)
    {
        var fields = line.Split(',');
        return fields.Length < MovementAndSettings ? line : string.Join(',', fields.Take(fields.Length - MovementAndSettings));
    }

    public async Task DisposeAsync() => await Task.WhenAll(_source.DisposeAsync(), _target.DisposeAsync());

    public void Dispose() => _files.Dispose();
}

/// <summary>Issue 28: a wave's segments leave in responses.csv as segment_&lt;name&gt; columns and come back whole.</summary>
public sealed class SegmentExportTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresDatabase _source = new(), _target = new();
    private readonly Files _files = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_source.InitializeAsync(), _target.InitializeAsync());
        (await new ResponseImporter(_source.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(Scoring.Tests.Samples.Path("segments-comments.csv"), new ImportOptions("segments.csv", "test"))).Succeeded.Should().BeTrue();
    }

    private static async Task<string> SegmentsAsync(PostgresDatabase db)
    {
        await using var command = db.DataSource.CreateCommand("SELECT string_agg(coalesce(segments::jsonb::text, '-'), ' | ' ORDER BY respondent_id) FROM responses");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> CommentsAsync(PostgresDatabase db)
    {
        await using var command = db.DataSource.CreateCommand("SELECT string_agg(coalesce(c.text || ' ' || c.language, '-'), ' | ' ORDER BY r.respondent_id) FROM responses r LEFT JOIN comments c ON c.import_id = r.import_id AND c.line = r.line");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_exported_wave_carries_its_segments_and_reimports_them()
    {
        var path = _files.Path_("export.csv");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            await ResponseExport.WriteAsync(_source.DataSource, "Retail Banking", "2026-Q3", writer);

        var exported = await File.ReadAllTextAsync(path);
        exported.Split('\n')[0].Should().EndWith(",segment_age,segment_contact_reason,comment", "the comments too (issue 29), as stored: redacted");
        exported.Should().Contain("[telefoon]").And.NotContain("06 87654321");
        var reimport = await new ResponseImporter(_target.DataSource, ScoringSettings.Default, TimeProvider.System).ImportAsync(path, new ImportOptions("export.csv", "test"));
        reimport.Succeeded.Should().BeTrue();
        reimport.Summary!.Comments!.Removed.Should().BeEmpty("a redacted comment has nothing left to remove");
        (await SegmentsAsync(_target)).Should().Be(await SegmentsAsync(_source)).And.Contain("\"contact_reason\": \"outage\"");
        (await CommentsAsync(_target)).Should().Be(await CommentsAsync(_source)).And.Contain("[iban]");
    }

    public Task DisposeAsync() => Task.WhenAll(_source.DisposeAsync(), _target.DisposeAsync());

    public void Dispose() => _files.Dispose();
}
