using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using CxPlus.Cli;
using CxPlus.Data;
using CxPlus.Data.Comments;
using CxPlus.Data.Curation;
using CxPlus.Data.Demo;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Data.Releases;
using CxPlus.Reports;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using CxPlus.Scoring.Comments;
using CxPlus.Scoring.Lenses;
using Microsoft.Extensions.Configuration;
using Npgsql;

PrintableWriter.Install();
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .Build();

await using var cli = new CliHost(configuration); // the web app's services, built when a command first needs one

var root = new RootCommand("cxplus — the CX+ benchmark from the command line. The database comes from ConnectionStrings__CxPlus.");

// migrate
var migrate = new Command("migrate", "Apply database migrations (creates the schema on an empty database).");
migrate.SetAction((_, ct) => Run(async () =>
{
    await CxPlusStore.MigrateAsync(cli.Get<NpgsqlDataSource>(), ct, cli.Get<ScoringSettings>());
    Console.WriteLine("Database is up to date.");
    return ExitCodes.Ok;
}));
root.Subcommands.Add(migrate);

// import
var file = new Argument<FileInfo>("file") { Description = "Response file (CSV, UTF-8) in the import format." };
var replace = new Option<bool>("--replace") { Description = "Replace the data of the file's waves for the brands in the file, in the same transaction." };
var by = new Option<string>("--by") { Description = "Who imports (recorded with the import).", DefaultValueFactory = _ => Environment.UserName };
var import = new Command("import", "Import a response file whole, or refuse it listing every problem.") { file, replace, by };
import.SetAction((parse, ct) => Run(async () =>
{
    var path = parse.GetValue(file)!;
    if (!path.Exists) return Fail(ExitCodes.BadInput, $"There is no file {path.FullName}.");
    var dataSource = cli.Get<NpgsqlDataSource>();
    var importer = cli.Get<ResponseImporter>();
    var result = await importer.ImportAsync(path.FullName, new ImportOptions(path.Name, parse.GetValue(by)!, parse.GetValue(replace),
        Language: Languages.Parse(configuration["Localization:DefaultLanguage"] ?? Languages.DefaultCode, "Localization:DefaultLanguage").TwoLetterISOLanguageName), ct);
    foreach (var warning in result.Warnings) Console.Error.WriteLine($"warning: {warning}");
    if (!result.Succeeded)
    {
        Console.Error.WriteLine($"{path.Name} was not imported; nothing was changed. {Display.Count(result.ProblemCount, "problem")}:");
        foreach (var problem in result.Problems) Console.Error.WriteLine($"  {problem}");
        if (result.ProblemCount > result.Problems.Count)
            Console.Error.WriteLine($"  … and {result.ProblemCount - result.Problems.Count:#,0} more.");
        if (result.Kinds.Count < result.ProblemCount)
        {
            Console.Error.WriteLine("By kind:");
            foreach (var kind in result.Kinds) Console.Error.WriteLine($"  {kind.Count,7:#,0} × {kind.Kind}");
        }
        return ExitCodes.BadInput;
    }
    var s = result.Summary!;
    Console.WriteLine($"Imported {path.Name} as import {s.ImportId}: {Display.Count(s.CustomerRows, "customer row")}, {Display.Count(s.ProspectRows, "prospect row")}.");
    // New names that look like others (another script's letters, fullwidth forms, a slip): probably one name twice.
    foreach (var lookAlike in s.LookAlikes) Console.Error.WriteLine($"warning: {lookAlike}");
    if (s.LookAlikes.Count > 0)
        Console.Error.WriteLine("  If two of these are one name, merge them: cxplus merge brand --sector S FROM INTO --confirm (or merge sector), or undo this import.");
    if (s.CreatedWaves.Count > 0) Console.WriteLine($"  new waves: {string.Join(", ", s.CreatedWaves)}");
    if (s.CreatedSectors.Count > 0) Console.WriteLine($"  new sectors: {string.Join(", ", s.CreatedSectors)}");
    if (s.CreatedBrands.Count > 0) Console.WriteLine($"  new brands: {string.Join(", ", s.CreatedBrands)}");
    if (s.ReplacedRows > 0) Console.WriteLine($"  replaced {Display.Count(s.ReplacedRows, "earlier row")} from import {string.Join(", ", s.ReplacedImports)}");
    // Step 28: what was removed from the comments before they were stored.
    if (s.Comments is { } comments) Console.WriteLine($"  {CommentReading.Summary(comments)}");
    // Step 26: the segments the file brings, and per brand its customers (prospects) in each category.
    foreach (var segment in s.Segments)
    {
        Console.WriteLine($"  segment {segment.Segment}: {string.Join(", ", segment.Categories)}");
        foreach (var b in segment.Brands)
            Console.WriteLine($"    {b.Wave} {b.Sector}, {b.Brand}: {string.Join(", ", segment.Categories.Select((c, i) => $"{c} {b.Customers[i]:#,0} ({b.Prospects[i]:#,0})"))}");
    }
    // The import is committed; its comments become searchable now (a running dashboard would do it too; whoever comes first).
    if (s.Comments is { Comments: > 0 })
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var filled = await CommentSearch.FillPendingAsync(dataSource, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  made {filled:#,0} comments searchable in {watch.Elapsed.TotalSeconds:0.0} s"));
    }
    return ExitCodes.Ok;
}));
root.Subcommands.Add(import);

// imports, undo
var imports = new Command("imports", "List the imports, newest first: who, when, rows, and whether undone.");
imports.SetAction((_, ct) => Run(async () =>
{
    var list = await cli.Get<ImportHistory>().ListAsync(ct);
    if (list.Count == 0) Console.WriteLine("No imports yet.");
    foreach (var i in list)
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{i.Id,5}  {i.ImportedAt:yyyy-MM-dd HH:mm} UTC  {i.ImportedBy,-12}  {i.FileName}: {i.CustomerRows:#,0} customers, {i.ProspectRows:#,0} prospects{(i.ReplacedRows > 0 ? $", replaced {i.ReplacedRows:#,0}" : "")}{(i.UndoneAt is { } u ? $"  — undone {u:yyyy-MM-dd HH:mm} UTC by {i.UndoneBy}" : "")}"));
    return ExitCodes.Ok;
}));
root.Subcommands.Add(imports);

var undoId = new Argument<long>("import-id") { Description = "The import to undo (see: cxplus imports)." };
var undoConfirm = new Option<bool>("--confirm") { Description = "Required: removes the import's rows from every league table." };
var undo = new Command("undo", "Undo an import: its rows and their share of the rollups are removed in one transaction.") { undoId, undoConfirm, by };
undo.SetAction((parse, ct) => Run(async () =>
{
    if (!parse.GetValue(undoConfirm)) return Fail(ExitCodes.BadInput, $"Undo removes import {parse.GetValue(undoId)}'s rows from every league table; add --confirm to do it.");
    var rows = await cli.Get<ImportHistory>()
        .UndoAsync(parse.GetValue(undoId), parse.GetValue(by)!, ct);
    Console.WriteLine($"Undid import {parse.GetValue(undoId)}: {Display.Count(rows, "row")} removed.");
    return ExitCodes.Ok;
}));
root.Subcommands.Add(undo);

// respondents erase
var eraseWave = new Option<string>("--wave") { Description = "The wave the respondent answered in, e.g. 2026-Q3.", Required = true };
var eraseSector = new Option<string?>("--sector") { Description = "The brand's sector; needed only when the brand's name is in several sectors." };
var eraseBrand = new Option<string>("--brand") { Description = "The brand the respondent answered about.", Required = true };
var eraseId = new Option<string>("--id") { Description = "The respondent's id, exactly as in the imported file.", Required = true };
var eraseConfirm = new Option<bool>("--confirm") { Description = "Required: the respondent's rows are removed for good and the numbers recomputed without them." };
var erase = new Command("erase", "Erase one respondent (a data subject's request): their rows leave the store and every number is recomputed without them, in one transaction; the audit record does not keep the id.")
    { eraseWave, eraseSector, eraseBrand, eraseId, eraseConfirm, by };
erase.SetAction((parse, ct) => Run(async () =>
{
    if (!parse.GetValue(eraseConfirm))
        return Fail(ExitCodes.BadInput, $"Erasing removes the respondent's answers about {parse.GetValue(eraseBrand)} in {parse.GetValue(eraseWave)} for good; add --confirm to do it.");
    var result = await cli.Get<RespondentErasure>()
        .EraseAsync(parse.GetValue(eraseWave)!, parse.GetValue(eraseSector), parse.GetValue(eraseBrand)!, parse.GetValue(eraseId)!, parse.GetValue(by)!, ct);
    Console.WriteLine($"Erased the respondent from {result.Brand} ({result.Sector}) in {result.Wave}: {Display.Count(result.Rows, "row")} removed; every number is recomputed without them.");
    return ExitCodes.Ok;
}));
// respondents retain
var retainMonths = new Option<int?>("--months") { Description = "Keep respondent rows this many months after a wave's last import (default: the setting Respondents__RetentionMonths)." };
var retainConfirm = new Option<bool>("--confirm") { Description = "Remove the rows; without it, only list the waves that are due." };
var retain = new Command("retain", "Remove the respondent rows of waves last imported into more than the retention period ago; every published number stays (rollups kept, key drivers frozen).")
    { retainMonths, retainConfirm, by };
retain.SetAction((parse, ct) => Run(async () =>
{
    if ((parse.GetValue(retainMonths) ?? SettingsConfiguration.RetentionMonths(configuration)) is not { } months)
        return Fail(ExitCodes.BadInput, "No retention period: set Respondents__RetentionMonths, or give --months N.");
    var retention = cli.Get<RespondentRetention>();
    var waves = parse.GetValue(retainConfirm) ? await retention.RetainAsync(months, parse.GetValue(by)!, ct) : await retention.DueAsync(months, ct);
    if (waves.Count == 0)
    {
        Console.WriteLine($"No wave's last import is more than {Display.Count(months, "month")} old; nothing to remove.");
        return ExitCodes.Ok;
    }
    Console.WriteLine(parse.GetValue(retainConfirm)
        ? "Removed the respondent rows of (their rollups and key drivers are kept, so every published number stays):"
        : $"Due for removal (last import more than {Display.Count(months, "month")} ago); add --confirm to remove them:");
    foreach (var w in waves)
        Console.WriteLine($"  {w.Wave}: {Display.Count(w.Rows, "respondent row")}, last imported {w.LastImportedAt:yyyy-MM-dd}");
    return ExitCodes.Ok;
}));
var respondents = new Command("respondents", "Respondent-level data: erase one respondent on request; remove old waves' rows (retention).") { erase, retain };
root.Subcommands.Add(respondents);

// league
var sector = new Option<string>("--sector") { Description = "Sector name (case-insensitive).", Required = true };
var wave = new Option<string>("--wave") { Description = "Wave code, e.g. 2026-Q3.", Required = true };
var format = new Option<string>("--format") { Description = "Output: table, json or csv.", DefaultValueFactory = _ => "table" };
format.AcceptOnlyFromAmong("table", "json", "csv");
var lens = new Option<string>("--lens") { Description = "cx (the CX+ league table), cee (Six Pillars) or kei, when the wave's file carried their columns.", DefaultValueFactory = _ => "cx" };
lens.AcceptOnlyFromAmong("cx", "cee", "kei");
// Reports and files speak the reader's language; the CLI's own messages stay English.
var language = new Option<string>("--language") { Description = "The language of the table, file or report: en (default) or nl (numbers as 83,3; CSV with ';').", DefaultValueFactory = _ => "en" };
language.AcceptOnlyFromAmong([.. Languages.Supported.Select(c => c.Name)]);
void Speak(ParseResult parse) =>
    CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Languages.Parse(parse.GetValue(language), "--language");

var segmentOption = new Option<string>("--segment") { Description = "A segment view (methodology step 26), as segment=category, e.g. --segment age=18-34: every number over the brands' respondents in that category." };
segmentOption.Validators.Add(result =>
{
    if (result.GetValueOrDefault<string>() is { } value && SegmentArgument(value) is null)
        result.AddError($"--segment: \"{value}\" is not segment=category, e.g. --segment age=18-34.");
});
static (string Segment, string Category)? SegmentArgument(string value) =>
    value.IndexOf('=') is var at and > 0 && at < value.Length - 1 && value[..at].Trim() is { Length: > 0 } name && value[(at + 1)..].Trim() is { Length: > 0 } category
        ? (name, category) : null;

var league = new Command("league", "Print a sector's league table for a wave.") { sector, wave, format, lens, segmentOption, language };
league.SetAction((parse, ct) => Run(async () =>
{
    Speak(parse);
    var queries = cli.Get<LeagueQueries>();
    var cut = parse.GetValue(segmentOption) is { } segmentValue ? SegmentArgument(segmentValue) : null;
    if (Lenses.Parse(parse.GetValue(lens)) is { } other && other != Lens.Cx)
    {
        LensTable? lensTable;
        if (cut is { } inSegment)
        {
            // The category is checked (and the sentence names the wave's) before its lenses are looked at.
            var segmentTable = await queries.SegmentLeagueAsync(parse.GetValue(sector)!, parse.GetValue(wave)!, inSegment.Segment, inSegment.Category, ct);
            lensTable = (await queries.SegmentLensesAsync(segmentTable.Sector, segmentTable.Wave, inSegment.Segment, inSegment.Category, ct)).FirstOrDefault(l => l.Lens == other);
            if (lensTable is null)
                return Fail(ExitCodes.NotFound, $"{segmentTable.Sector} has no {other.DisplayName()} answers in {segmentTable.Wave}: its file did not carry those columns.");
        }
        else
        {
            lensTable = await queries.LensAsync(parse.GetValue(sector)!, parse.GetValue(wave)!, other, ct);
            if (!lensTable.HasAnswers)
                return Fail(ExitCodes.NotFound, $"{lensTable.Sector} has no {other.DisplayName()} answers in {lensTable.Wave}: its file did not carry those columns.");
        }
        Console.Out.Write(parse.GetValue(format) switch
        {
            "json" => LensDocument.From(lensTable).ToJson() + "\n",
            "csv" => LensExport.ToCsv(lensTable),
            _ => LensExport.Render(lensTable),
        });
        return ExitCodes.Ok;
    }
    var table = cut is { } c
        ? await queries.SegmentLeagueAsync(parse.GetValue(sector)!, parse.GetValue(wave)!, c.Segment, c.Category, ct)
        : await queries.LeagueAsync(parse.GetValue(sector)!, parse.GetValue(wave)!, ct);
    Console.Out.Write(parse.GetValue(format) switch
    {
        "json" => LeagueDocument.From(table).ToJson() + "\n",
        "csv" => LeagueCsv.ToCsv(table),
        _ => LeagueText.Render(table),
    });
    return ExitCodes.Ok;
}));
root.Subcommands.Add(league);

// drivers
var driversBrand = new Option<string>("--brand") { Description = "One brand; without it, the sector's brands pooled." };
var driversFormat = new Option<string>("--format") { Description = "Output: table or json.", DefaultValueFactory = _ => "table" };
driversFormat.AcceptOnlyFromAmong("table", "json");
var driversLens = new Option<string>("--lens") { Description = "cx (the five success factors) or cee (the six pillars).", DefaultValueFactory = _ => "cx" };
driversLens.AcceptOnlyFromAmong("cx", "cee");
var drivers = new Command("drivers", "Print the key drivers of recommendation (relative weights with bootstrap intervals) of a brand or of a sector pooled.") { sector, wave, driversBrand, driversFormat, driversLens, segmentOption };
drivers.SetAction((parse, ct) => Run(async () =>
{
    var queries = cli.Get<LeagueQueries>();
    var which = Lenses.Parse(parse.GetValue(driversLens))!.Value;
    var cut = parse.GetValue(segmentOption) is { } segmentValue ? SegmentArgument(segmentValue) : null;
    var table = cut is { } c
        ? await queries.SegmentLeagueAsync(parse.GetValue(sector)!, parse.GetValue(wave)!, c.Segment, c.Category, ct)
        : await queries.LeagueAsync(parse.GetValue(sector)!, parse.GetValue(wave)!, ct);
    var brand = parse.GetValue(driversBrand);
    var result = table.Segment is { } inSegment
        ? await queries.SegmentDriversAsync(table.Sector, table.Wave, inSegment.Segment, inSegment.Category, brand, which, intervals: true, ct)
        : await queries.DriversAsync(table.Sector, table.Wave, brand, which, intervals: true, ct);
    var document = DriversDocument.From(table.Sector, table.Wave, brand is null ? null : table.Find(brand)?.Brand ?? brand, which, result, table.Segment);
    Console.Out.Write(parse.GetValue(driversFormat) == "json" ? document.ToJson() + "\n" : LensExport.Render(document));
    return ExitCodes.Ok;
}));
root.Subcommands.Add(drivers);

// themes (issue 29, steps 29-30): the coding frame, and what customers say by theme
var themes = new Command("themes", "The coding frame (themes and their match rules) and the theme shares it gives.");
var themesList = new Command("list", "List the coding frame's themes with their factor and rules.");
themesList.SetAction((_, ct) => Run(async () =>
{
    var frame = await cli.Get<CodingFrames>().CurrentAsync(ct);
    Console.WriteLine($"Coding frame version {frame.Version}{(frame.Version == 0 ? " (as shipped)" : "")}: {Display.Count(frame.Frame.Themes.Count, "theme")}");
    foreach (var t in frame.Frame.Themes)
        Console.WriteLine($"  {t.Key}: {t.NameEn} / {t.NameNl}{(t.Factor is { } f ? $" [{f.Key()}]" : "")}\n    nl: {string.Join(", ", t.RulesNl)}\n    en: {string.Join(", ", t.RulesEn)}");
    return ExitCodes.Ok;
}));
themes.Subcommands.Add(themesList);
var themesOut = new Option<FileInfo>("--out") { Description = "The file to write the frame to (JSON).", Required = true };
var themesExport = new Command("export", "Write the coding frame to a JSON file (edit it, then import it).") { themesOut };
themesExport.SetAction((parse, ct) => Run(async () =>
{
    var frame = await cli.Get<CodingFrames>().CurrentAsync(ct);
    await File.WriteAllTextAsync(parse.GetValue(themesOut)!.FullName, FrameFile.ToJson(frame.Frame) + "\n", ct);
    Console.WriteLine($"Wrote {Display.Count(frame.Frame.Themes.Count, "theme")} (version {frame.Version}) to {parse.GetValue(themesOut)!.Name}.");
    return ExitCodes.Ok;
}));
themes.Subcommands.Add(themesExport);
var themesFile = new Argument<FileInfo>("file") { Description = "A coding frame as JSON (as themes export writes it)." };
var themesBy = new Option<string>("--by") { Description = "Who changes the frame (recorded in the audit).", DefaultValueFactory = _ => Environment.UserName };
var themesImport = new Command("import", "Replace the coding frame with a JSON file; theme results change at once.") { themesFile, themesBy };
themesImport.SetAction((parse, ct) => Run(async () =>
{
    var file = parse.GetValue(themesFile)!;
    if (!file.Exists) return Fail(ExitCodes.BadInput, $"{file.Name} does not exist.");
    CodingFrame frame;
    try
    {
        frame = FrameFile.FromJson(await File.ReadAllTextAsync(file.FullName, ct));
    }
    catch (FrameRefusedException e)
    {
        return Fail(ExitCodes.BadInput, $"{file.Name} was not imported; the frame is unchanged. {e.Message}");
    }
    var version = await cli.Get<CodingFrames>().SaveAsync(frame, parse.GetValue(themesBy)!, ct);
    Console.WriteLine($"Coding frame version {version}: {Display.Count(frame.Themes.Count, "theme")}.");
    return ExitCodes.Ok;
}));
themes.Subcommands.Add(themesImport);
var themeKey = new Argument<string>("key") { Description = "The theme's key: one word of letters, digits, - and _ (it goes into links, ?theme=waiting)." };
var themeNameNl = new Option<string>("--name-nl") { Description = "Its Dutch name.", Required = true };
var themeNameEn = new Option<string>("--name-en") { Description = "Its English name.", Required = true };
var themeFactor = new Option<string>("--factor") { Description = $"The success factor it belongs to ({string.Join(", ", SuccessFactors.All.Select(f => f.Key()))}); omit for none." };
var themeRulesNl = new Option<string>("--nl") { Description = "Its rules for Dutch comments, comma-separated: words, or stems ending in * (wacht*,traag).", Required = true };
var themeRulesEn = new Option<string>("--en") { Description = "Its rules for English comments, comma-separated (wait*,slow).", Required = true };
var themesAdd = new Command("add", "Add a theme to the coding frame (audited); theme results change at once.") { themeKey, themeNameNl, themeNameEn, themeFactor, themeRulesNl, themeRulesEn, themesBy };
themesAdd.SetAction((parse, ct) => ChangeFrameAsync(parse, (frame, key) =>
{
    if (frame.Themes.Any(t => Names.Same(t.Key, key))) throw new FrameRefusedException(new("Frame.KeyTwice", key));
    static string[] Split(string? rules) => [.. (rules ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    return [.. frame.Themes.Select(ThemeDraft.Of), new ThemeDraft(key, parse.GetValue(themeNameNl)!, parse.GetValue(themeNameEn)!, parse.GetValue(themeFactor),
        Split(parse.GetValue(themeRulesNl)), Split(parse.GetValue(themeRulesEn)))];
}, "added", ct));
themes.Subcommands.Add(themesAdd);
var themesRemove = new Command("remove", "Remove a theme from the coding frame (audited); theme results change at once.") { themeKey, themesBy };
themesRemove.SetAction((parse, ct) => ChangeFrameAsync(parse, (frame, key) =>
    frame.Themes.Any(t => Names.Same(t.Key, key)) ? [.. frame.Themes.Where(t => !Names.Same(t.Key, key)).Select(ThemeDraft.Of)]
    : throw new FrameRefusedException(new("NotFound.Theme", key, frame.Themes.Select(t => (object)t.Key).ToList())), "removed", ct));
themes.Subcommands.Add(themesRemove);

// themes add|remove: the frame now, changed, checked whole and saved (audited), or refused in a sentence with nothing changed.
async Task<int> ChangeFrameAsync(ParseResult parse, Func<CodingFrame, string, IReadOnlyList<ThemeDraft>> change, string done, CancellationToken ct) => await Run(async () =>
{
    var frames = cli.Get<CodingFrames>();
    var key = parse.GetValue(themeKey)!.Trim();
    CodingFrame changed;
    try
    {
        changed = FrameFile.Build(change((await frames.CurrentAsync(ct)).Frame, key));
    }
    catch (FrameRefusedException e)
    {
        return Fail(ExitCodes.BadInput, $"The frame is unchanged. {e.Message}");
    }
    var version = await frames.SaveAsync(changed, parse.GetValue(themesBy)!, ct);
    Console.WriteLine($"Theme {key} {done}: coding frame version {version}, {Display.Count(changed.Themes.Count, "theme")}.");
    return ExitCodes.Ok;
});
var themesBrand = new Option<string>("--brand") { Description = "One brand; without it, every brand of the sector." };
var themesFormat = new Option<string>("--format") { Description = "Output: table or json.", DefaultValueFactory = _ => "table" };
themesFormat.AcceptOnlyFromAmong("table", "json");
var themesShares = new Command("shares", "Print each brand's theme shares among its commenters, against the rest of the sector, and their impact on NPS.") { sector, wave, themesBrand, themesFormat };
themesShares.SetAction((parse, ct) => Run(async () =>
{
    var queries = cli.Get<LeagueQueries>();
    var brand = parse.GetValue(themesBrand);
    var result = await queries.ThemesAsync(parse.GetValue(sector)!, parse.GetValue(wave)!, brand, ct);
    Console.Out.Write(parse.GetValue(themesFormat) == "json" ? ThemesDocument.From(result, brand).ToJson() + "\n" : ThemeReading.Render(result, brand));
    return ExitCodes.Ok;
}));
themes.Subcommands.Add(themesShares);
root.Subcommands.Add(themes);

// sectors, waves
var sectors = new Command("sectors", "List the sectors with their brands and waves.");
sectors.SetAction((_, ct) => Run(async () =>
{
    var list = await cli.Get<LeagueQueries>().SectorsAsync(ct);
    if (list.Count == 0) Console.WriteLine("No sectors yet: import a response file (cxplus import FILE) or the demo (cxplus demo --out demo.csv).");
    foreach (var s in list) Console.WriteLine($"{s.Name}: {Display.Count(s.Brands, "brand")}; waves {string.Join(", ", s.Waves)}");
    return ExitCodes.Ok;
}));
root.Subcommands.Add(sectors);

var waves = new Command("waves", "List the waves in wave order, each sector's released to members or a draft; release or withdraw one.");
waves.SetAction((_, ct) => Run(async () =>
{
    var list = await cli.Get<LeagueQueries>().WavesAsync(ct);
    if (list.Count == 0) Console.WriteLine("No waves yet: import a response file first.");
    var states = (await cli.Get<WaveReleases>().ListAsync(ct)).ToLookup(s => s.Wave, Names.Comparer);
    foreach (var w in list)
    {
        Console.WriteLine($"{w.Code}: {Display.Count(w.Responses, "qualifying respondent")}");
        foreach (var s in states[w.Code].OrderBy(s => s.Sector, StringComparer.OrdinalIgnoreCase))
            Console.WriteLine(s.Released
                ? string.Create(CultureInfo.InvariantCulture, $"  {s.Sector}: released {s.ReleasedAt:yyyy-MM-dd HH:mm} UTC by {(s.ReleasedByTheUpdate ? "the update that introduced releases" : s.ReleasedBy)}")
                : $"  {s.Sector}: draft (members do not see it)");
    }
    return ExitCodes.Ok;
}));
root.Subcommands.Add(waves);
var releaseWave = new Argument<string>("wave") { Description = "The wave's code.", Arity = ArgumentArity.ZeroOrOne };
var releaseAll = new Option<bool>("--all") { Description = "Every wave with a draft in some sector (instead of one wave)." };
var releaseSector = new Option<string>("--sector") { Description = "One sector; without it, every sector with responses in the wave." };
var releaseBy = new Option<string>("--by") { Description = "Who does it (recorded in the audit).", DefaultValueFactory = _ => Environment.UserName };
foreach (var (name, description, release) in new[]
{
    ("release", "Release a wave to members: their pages, API and reports show it from now on (audited).", true),
    ("withdraw", "Withdraw a released wave: members no longer see it, until it is released again (audited).", false),
})
{
    var command = new Command(name, description) { releaseWave, releaseSector, releaseBy };
    if (release) command.Options.Add(releaseAll);
    command.SetAction((parse, ct) => Run(async () =>
    {
        var releases = cli.Get<WaveReleases>();
        var (wave, sector, by, all) = (parse.GetValue(releaseWave), parse.GetValue(releaseSector), parse.GetValue(releaseBy)!, release && parse.GetValue(releaseAll));
        if ((wave is null) == !all) return Fail(ExitCodes.BadInput, $"Name one wave (cxplus waves {name} 2026-Q3){(release ? ", or give --all for every draft" : "")}.");
        IEnumerable<string> asked = all ? (await releases.ListAsync(ct)).Where(s => !s.Released && (sector is null || Names.Same(s.Sector, sector))).Select(s => s.Wave).Distinct() : [wave!];
        foreach (var w in asked)
        {
            var outcome = release ? await releases.ReleaseAsync(w, sector, by, ct) : await releases.WithdrawAsync(w, sector, by, ct);
            if (outcome.Changed.Count > 0) Console.WriteLine($"{outcome.Wave} {(release ? "released to members" : "withdrawn from members")} in {string.Join(", ", outcome.Changed)}.");
            if (outcome.Unchanged.Count > 0) Console.WriteLine($"{outcome.Wave} was already {(release ? "released" : "a draft")} in {string.Join(", ", outcome.Unchanged)}.");
        }
        return ExitCodes.Ok;
    }));
    waves.Subcommands.Add(command);
}

// export-responses
var exportSector = new Option<string>("--sector") { Description = "Sector name (case-insensitive).", Required = true };
var exportWave = new Option<string>("--wave") { Description = "Wave code.", Required = true };
var exportOut = new Option<FileInfo>("--out") { Description = "Where to write the CSV (import format).", Required = true };
var exportResponses = new Command("export-responses", "Write a sector's responses in a wave in the import format (re-imports to the same numbers).") { exportSector, exportWave, exportOut };
exportResponses.SetAction((parse, ct) => Run(async () =>
{
    var dataSource = cli.Get<NpgsqlDataSource>();
    var path = parse.GetValue(exportOut)!;
    long rows = 0;
    await WriteWholeAsync(path.FullName, async file =>
    {
        await using var writer = new StreamWriter(file, new System.Text.UTF8Encoding(false), 1 << 16);
        rows = await ResponseExport.WriteAsync(dataSource, parse.GetValue(exportSector)!, parse.GetValue(exportWave)!, writer, ct);
    });
    Console.WriteLine($"Wrote {Display.Count(rows, "response")} to {path.FullName}.");
    return ExitCodes.Ok;
}));
root.Subcommands.Add(exportResponses);

// report
var reportSector = new Option<string>("--sector") { Description = "Sector name (case-insensitive).", Required = true };
var reportWave = new Option<string>("--wave") { Description = "Wave code.", Required = true };
var reportBrand = new Option<string>("--brand") { Description = "The brand to report on." };
var reportAll = new Option<bool>("--all") { Description = "One report per brand of the sector, into the --out folder." };
var reportOut = new Option<string>("--out") { Description = "The report file, .pdf or .pptx (with --brand), or the folder (with --all).", Required = true };
var reportForce = new Option<bool>("--force") { Description = "Overwrite files that already exist." };
var report = new Command("report", "Write a brand's report (A4 PDF or PowerPoint, from the file's extension), or with --all every brand's PDF and the league workbook.") { reportSector, reportWave, reportBrand, reportAll, reportOut, reportForce, language };
report.Validators.Add(r =>
{
    var hasBrand = !string.IsNullOrWhiteSpace(r.GetValue(reportBrand));
    if (hasBrand == r.GetValue(reportAll)) r.AddError("Give either --brand NAME or --all.");
    if (hasBrand && Path.GetExtension(r.GetValue(reportOut) ?? "").ToLowerInvariant() is not (".pdf" or ".pptx"))
        r.AddError("--out must end in .pdf or .pptx: the report's format comes from it.");
});
report.SetAction((parse, ct) => Run(async () =>
{
    Speak(parse);
    var queries = cli.Get<LeagueQueries>();
    var branding = cli.Get<Branding>();
    var (sectorName, waveCode, output) = (parse.GetValue(reportSector)!, parse.GetValue(reportWave)!, parse.GetValue(reportOut)!);
    var made = DateTimeOffset.UtcNow;
    // Every file named before any is written: two brands never share a file, and nothing is overwritten unasked.
    var files = new List<(string Path, Action<Stream> Write)>();
    if (parse.GetValue(reportAll))
    {
        var table = await queries.LeagueAsync(sectorName, waveCode, ct);
        var history = await queries.HistoryAsync(table.Sector, ct);
        var priorities = await queries.PrioritiesAsync(table, ct: ct);
        foreach (var row in table.Rows)
        {
            var data = await BrandReportData.From(history, table, row, priorities[row.Brand]).WithSegmentsAndThemesAsync(queries, ct);
            files.Add((Path.Combine(output, FileNames.Report(data)), file => BrandReport.Write(data, file, made, branding)));
        }
        files.Add((Path.Combine(output, FileNames.League(table, "xlsx")), file => LeagueWorkbook.Write(table, history, file)));
    }
    else
    {
        var data = await BrandReportData.LoadAsync(queries, sectorName, waveCode, parse.GetValue(reportBrand)!, ct);
        files.Add(Path.GetExtension(output).Equals(".pptx", StringComparison.OrdinalIgnoreCase)
            ? (output, file => BrandDeck.Write(data, file, made, branding))
            : (output, file => BrandReport.Write(data, file, made, branding)));
    }
    if (files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } shared)
        return Fail(ExitCodes.Unexpected, $"Two brands would be written to {shared.Key}; nothing was written.");
    var existing = files.Select(f => f.Path).Where(File.Exists).ToArray();
    if (existing.Length > 0 && !parse.GetValue(reportForce))
        return Fail(ExitCodes.BadInput, existing.Length == 1
            ? $"{Path.GetFullPath(existing[0])} already exists; nothing was written. Add --force to overwrite it."
            : $"{existing.Length} of the files already exist in {Path.GetFullPath(output)} (e.g. {Path.GetFileName(existing[0])}); nothing was written. Add --force to overwrite them.");
    if (parse.GetValue(reportAll)) Directory.CreateDirectory(output);
    foreach (var (path, write) in files)
    {
        await WriteWholeAsync(path, file =>
        {
            write(file);
            return Task.CompletedTask;
        });
        Console.WriteLine($"Wrote {Path.GetFullPath(path)}");
    }
    return ExitCodes.Ok;
}));
root.Subcommands.Add(report);

// demo
var output = new Option<FileInfo>("--out") { Description = "Where to write the CSV.", Required = true };
var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same file.", DefaultValueFactory = _ => 1 };
var scale = new Option<double>("--scale") { Description = "Multiplies the respondents per brand (1 ≈ 50,000 rows).", DefaultValueFactory = _ => 1 };
scale.Validators.Add(r =>
{
    if (r.GetValueOrDefault<double>() is var k && (!(k > 0) || k > 1000)) r.AddError("--scale must be a number greater than 0 and at most 1000.");
});
var demo = new Command("demo", "Write a realistic synthetic benchmark (4 sectors, 4 waves) in the import format.") { output, seed, scale };
demo.SetAction(parse => Run(() =>
{
    var path = parse.GetValue(output)!;
    using var writer = new StreamWriter(path.FullName, false, new System.Text.UTF8Encoding(false), 1 << 16);
    var rows = DemoBenchmark.Write(writer, parse.GetValue(seed), parse.GetValue(scale));
    Console.WriteLine($"Wrote {Display.Count(rows, "response")} to {path.FullName}.");
    return Task.FromResult(ExitCodes.Ok);
}).GetAwaiter().GetResult());
root.Subcommands.Add(demo);

// rollups rebuild
var rebuild = new Command("rebuild", "Recompute every rollup from the raw responses (after changing the rating scale or factor weights).");
rebuild.SetAction((_, ct) => Run(async () =>
{
    var dataSource = cli.Get<NpgsqlDataSource>();
    await using var connection = await dataSource.OpenConnectionAsync(ct);
    await using var transaction = await connection.BeginTransactionAsync(ct);
    var count = await RoleRollups.RebuildAsync(connection, cli.Get<ScoringSettings>(), ct);
    await transaction.CommitAsync(ct);
    Console.WriteLine($"Rebuilt {Display.Count(count, "rollup")} from the raw responses.");
    var retained = await cli.Get<RespondentRetention>().RetainedAsync(ct);
    if (retained.Count > 0)
        Console.WriteLine($"Kept the rollups of {string.Join(", ", retained.Select(r => r.Wave))} as they are: retention removed those waves' respondent rows, so there is nothing to compute them from.");
    return ExitCodes.Ok;
}));
root.Subcommands.Add(new Command("rollups", "Maintain the rollups of sufficient statistics.") { rebuild });

// rename, merge
var renameOld = new Argument<string>("name") { Description = "The current name." };
var renameNew = new Argument<string>("new-name") { Description = "The new name." };
var renameSectorCommand = new Command("sector", "Rename a sector.") { renameOld, renameNew, by };
renameSectorCommand.SetAction((parse, ct) => Run(async () =>
{
    await cli.Get<NameChanges>().RenameSectorAsync(parse.GetValue(renameOld)!, parse.GetValue(renameNew)!, parse.GetValue(by)!, ct);
    Console.WriteLine($"Renamed the sector \"{parse.GetValue(renameOld)}\" to \"{parse.GetValue(renameNew)!.Trim()}\".");
    return ExitCodes.Ok;
}));
var renameBrandSector = new Option<string>("--sector") { Description = "The brand's sector.", Required = true };
var renameBrandCommand = new Command("brand", "Rename a brand of a sector.") { renameBrandSector, renameOld, renameNew, by };
renameBrandCommand.SetAction((parse, ct) => Run(async () =>
{
    await cli.Get<NameChanges>().RenameBrandAsync(parse.GetValue(renameBrandSector)!, parse.GetValue(renameOld)!, parse.GetValue(renameNew)!, parse.GetValue(by)!, ct);
    Console.WriteLine($"Renamed \"{parse.GetValue(renameOld)}\" to \"{parse.GetValue(renameNew)!.Trim()}\".");
    return ExitCodes.Ok;
}));
root.Subcommands.Add(new Command("rename", "Rename a sector or a brand (every page, export and report shows the new name).") { renameSectorCommand, renameBrandCommand });

var mergeFrom = new Argument<string>("from") { Description = "The sector or brand that is merged away." };
var mergeInto = new Argument<string>("into") { Description = "The sector or brand it is merged into." };
var mergeConfirm = new Option<bool>("--confirm") { Description = "Required: the merge moves every response and removes the merged name." };
var mergeSectorCommand = new Command("sector", "Merge a sector into another: its brands move over, a brand both have is merged.") { mergeFrom, mergeInto, mergeConfirm, by };
mergeSectorCommand.SetAction((parse, ct) => Run(async () =>
{
    if (!parse.GetValue(mergeConfirm)) return Fail(ExitCodes.BadInput, $"Merging moves every brand of \"{parse.GetValue(mergeFrom)}\" into \"{parse.GetValue(mergeInto)}\" and removes it; add --confirm to do it.");
    var moved = await cli.Get<NameChanges>().MergeSectorAsync(parse.GetValue(mergeFrom)!, parse.GetValue(mergeInto)!, parse.GetValue(by)!, ct);
    Console.WriteLine($"Merged the sector \"{parse.GetValue(mergeFrom)}\" into \"{parse.GetValue(mergeInto)}\" ({Display.Count(moved, "response")} moved between brands).");
    return ExitCodes.Ok;
}));
var mergeBrandSector = new Option<string>("--sector") { Description = "The brands' sector.", Required = true };
var mergeBrandCommand = new Command("brand", "Merge a brand into another of its sector: every response moves over.") { mergeBrandSector, mergeFrom, mergeInto, mergeConfirm, by };
mergeBrandCommand.SetAction((parse, ct) => Run(async () =>
{
    if (!parse.GetValue(mergeConfirm)) return Fail(ExitCodes.BadInput, $"Merging moves every response of \"{parse.GetValue(mergeFrom)}\" to \"{parse.GetValue(mergeInto)}\" and removes it; add --confirm to do it.");
    var moved = await cli.Get<NameChanges>().MergeBrandAsync(parse.GetValue(mergeBrandSector)!, parse.GetValue(mergeFrom)!, parse.GetValue(mergeInto)!, parse.GetValue(by)!, ct);
    Console.WriteLine($"Merged \"{parse.GetValue(mergeFrom)}\" into \"{parse.GetValue(mergeInto)}\": {Display.Count(moved, "response")} moved.");
    return ExitCodes.Ok;
}));
root.Subcommands.Add(new Command("merge", "Merge a misspelt sector or brand into the right one.") { mergeSectorCommand, mergeBrandCommand });

root.Subcommands.Add(Users.Create(cli, Run));
root.Subcommands.Add(Clients.Create(cli, Run));

// Bad arguments exit 2, as documented (System.CommandLine's own default is 1).
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("Run cxplus --help (or cxplus COMMAND --help) for the arguments.");
    return ExitCodes.BadInput;
}
return await parsed.InvokeAsync();

// Every failure becomes one sentence and an exit code, never a stack trace.
static async Task<int> Run(Func<Task<int>> action)
{
    try
    {
        return await action();
    }
    catch (NotFoundException e) { return Fail(ExitCodes.NotFound, e.Message); }
    catch (StoreUnavailableException e) { return Fail(ExitCodes.Database, e.Message); }
    catch (UndoRefusedException e) { return Fail(ExitCodes.BadInput, e.Message); }
    catch (NameChangeRefusedException e) { return Fail(ExitCodes.BadInput, e.Message); }
    catch (CxPlus.Data.Accounts.AccountException e) { return Fail(ExitCodes.BadInput, e.Message); }
    catch (CxPlus.Data.Clients.ClientException e) { return Fail(ExitCodes.BadInput, e.Message); }
    catch (ArgumentException e) { return Fail(ExitCodes.BadInput, e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)); }
    catch (InvalidOperationException e) when (e.Message.StartsWith("No database is configured", StringComparison.Ordinal)) { return Fail(ExitCodes.Database, e.Message); }
    catch (NpgsqlException e) when (e.InnerException is SocketException or TimeoutException || e is NpgsqlException { IsTransient: true })
    {
        return Fail(ExitCodes.Database, $"Cannot reach the database: {e.InnerException?.Message ?? e.Message}. Is PostgreSQL running (scripts/pg.sh start) and ConnectionStrings__CxPlus right?");
    }
    catch (PostgresException e) when (e.SqlState is "42P01" or "3D000")
    {
        return Fail(ExitCodes.Database, $"The database is not set up ({e.MessageText}); run: cxplus migrate");
    }
    catch (PostgresException e) when (e.SqlState is "28P01" or "28000")
    {
        return Fail(ExitCodes.Database, $"The database refused the credentials in ConnectionStrings__CxPlus: {e.MessageText}.");
    }
    catch (PostgresException e)
    {
        return Fail(ExitCodes.Database, $"The database refused the operation: {e.MessageText} (PostgreSQL {e.SqlState}).");
    }
    catch (OperationCanceledException) { return Fail(ExitCodes.Cancelled, "Cancelled; nothing was changed."); }
    catch (IOException e) { return Fail(ExitCodes.BadInput, e.Message); }
    catch (UnauthorizedAccessException e) { return Fail(ExitCodes.BadInput, e.Message); }
    catch (Exception e) when (Environment.GetEnvironmentVariable("CXPLUS_DEBUG") != "1")
    {
        return Fail(ExitCodes.Unexpected, $"Unexpected error: {e.Message} (set CXPLUS_DEBUG=1 to see the details).");
    }
}

static int Fail(int code, string message)
{
    Console.Error.WriteLine(message);
    return code;
}

// Writes a file whole or not at all: into PATH.partial, renamed over PATH only once complete.
static async Task WriteWholeAsync(string path, Func<FileStream, Task> write)
{
    var temporary = path + ".partial";
    try
    {
        await using (var file = File.Create(temporary)) await write(file);
        File.Move(temporary, path, overwrite: true); // never leave half a file under the asked name
    }
    finally
    {
        File.Delete(temporary); // gone after the move; a failed write leaves nothing behind
    }
}
