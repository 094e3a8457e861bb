using System.Globalization;

namespace CxPlus.Data;

/// <summary>
/// A sentence of the data layer (an import problem, a name it cannot find) as data (issue #26): its
/// code, which is also the key of its text in each language's resource file (<c>Import.Empty</c>), and
/// its values (a value may itself be a <see cref="Sentence"/>, or a list). <see cref="ToString"/> writes it
/// in English, the CLI's, the API's and the logs' language, from <see cref="English"/>; the English
/// resource file does not repeat these, so this table is their one English source and each other
/// language translates its codes (the edges write them: <c>Texts.Sentence</c>).
/// </summary>
public sealed record Sentence(string Code, params object?[] Args)
{
    public override string ToString() => Write(English[Code], CultureInfo.InvariantCulture, inner => inner.ToString());

    /// <summary>
    /// The sentence in a template of the reader's language: a value that is itself a text is written by
    /// <paramref name="write"/>, a list (of names and texts) as "a, b, c".
    /// </summary>
    public string Write(string template, CultureInfo culture, Func<Sentence, string> write) =>
        string.Format(culture, template, [.. Args.Select(a => Value(a, write))]);

    private static object? Value(object? value, Func<Sentence, string> write) => value switch
    {
        Sentence inner => write(inner),
        IReadOnlyList<object> list => Join([.. list.Select(x => Value(x, write)?.ToString() ?? "")], list.Count > 0 && list.All(x => x is Sentence)),
        _ => value,
    };

    /// <summary>
    /// Names read apart by commas; sentences, which hold commas of their own, by semicolons, or by a space when
    /// each ends with its full stop.
    /// </summary>
    private static string Join(IReadOnlyList<string> items, bool sentences) =>
        string.Join(!sentences ? ", " : items.All(i => i.EndsWith('.')) ? " " : "; ", items);

    /// <summary>The same sentence with the offending values (those the text quotes, <c>"{0}"</c>) left out, as a kind of problem: <c>"…" is not a whole number</c>.</summary>
    public Sentence Blanked() => this with { Args = [.. Args.Select((a, i) => English[Code].Contains($"\"{{{i}}}\"", StringComparison.Ordinal) ? Blank : a)] };

    /// <summary>What stands for a left-out value; written bare, not in quotes, where a kind is written (<c>… is not a whole number</c>).</summary>
    public const string Blank = "…", QuotedBlank = "\"…\"";

    /// <summary>Every sentence by code. Values are numbered as <see cref="string.Format(string, object?[])"/>; dates and times are formatted here, so each language may write its own.</summary>
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The file as a whole
        ["Import.Empty"] = "the file is empty",
        ["Import.Utf16"] = "the file is UTF-16 text (Excel's \"Unicode text\"); save it as CSV UTF-8",
        ["Import.NulByte"] = "holds a NUL byte, so it is not CSV text (a binary file, or a field holding binary data); export the responses as UTF-8 CSV",
        ["Import.NotUtf8"] = "the file is not UTF-8 text (it has a byte sequence that is not UTF-8); save it as UTF-8 CSV",
        ["Import.RecordTooLong"] = "a record is longer than {0} KB; the file is probably not a response file or has an unclosed quote",
        ["Import.UnclosedQuote"] = "a quoted field is never closed (a \" without its closing \"); the file is probably cut short or its quoting is broken",
        ["Import.AlreadyImported"] = "these exact bytes were already imported as import {0} ({1}, {2:yyyy-MM-dd HH:mm} UTC by {3}); nothing was changed",
        ["Import.NoDataRows"] = "the header has no data rows below it",
        ["Import.WaveClosed"] = "wave {0} was closed on {1:yyyy-MM-dd}: retention removed its respondent rows and froze its published numbers, so no file can add to it or replace its data",
        // The header
        ["Import.ColumnTwice"] = "column {0} appears twice (columns {1} and {2})",
        ["Import.ColumnMissing"] = "required column {0} is missing",
        ["Import.SegmentNameEmpty"] = "column {1} ({0}) is a segment column without a name: write it as segment_ and the segment's name, e.g. segment_age",
        ["Import.TooManySegments"] = "the file has {0} segment columns; at most {1} are allowed in one file",
        ["Import.TooManyCategories"] = "column {0} has more than {1} different categories (\"{2}\" is one too many): a segment has a few categories, and this column looks like an identifier or free text; leave it out of the file or group its values",
        ["Import.CategoryEmpty"] = "an empty category: leave the cell empty for a respondent in no category",
        ["Import.CategoriesLookAlike"] = "segment {0}: \"{1}\" and \"{2}\" look alike but count as two categories{3}",
        ["Import.SegmentCustomersOnly"] = "segment {0} is carried by customers only: its tables use the expectation of all the brand's prospects (methodology step 26)",
        ["Import.UnnamedColumn"] = "(unnamed column {0})",
        // A row
        ["Import.FieldCount"] = "has {0} fields, but the header has {1}; check for a missing or extra comma or an unclosed quote",
        ["Import.FieldCountSemicolon"] = "has {0} fields, but the header has {1}; check for a missing or extra semicolon or an unclosed quote",
        ["Import.RoleEmpty"] = "is empty; every row needs customer or prospect",
        ["Import.RoleUnknown"] = "\"{0}\" is not customer or prospect",
        ["Import.WeightNotDecimal"] = "\"{0}\" is not a decimal number (use . as the decimal point)",
        ["Import.WeightNotDecimalSemicolon"] = "\"{0}\" is not a decimal number (use . or , as the decimal point)",
        ["Import.WeightOutOfRange"] = "\"{0}\" is outside the allowed weight range {1}",
        ["Import.WaveEmpty"] = "is empty; every row needs a wave",
        ["Import.SectorEmpty"] = "is empty; every row needs a sector",
        ["Import.BrandEmpty"] = "is empty; every row needs a brand",
        ["Import.RespondentEmpty"] = "is empty; every row needs a respondent id",
        ["Import.TooLong"] = "\"{0}\" is longer than {1} characters",
        ["Import.CommentTooLong"] = "the comment has {0} characters; a comment may have at most {1}",
        ["Import.ControlCharacter"] = "\"{0}\" holds a control character",
        ["Import.InvisibleCharacter"] = "\"{0}\" holds an invisible or control character (U+{1:X4}); names may hold letters, digits, spaces and punctuation only",
        ["Import.NotWhole"] = "\"{0}\" is not a whole number",
        ["Import.OutsideScale"] = "\"{0}\" is outside the rating scale {1}..{2}",
        ["Import.OutsideRange"] = "\"{0}\" is outside {1}..{2}",
        // Respondents
        ["Import.RepeatedTwice"] = "respondent_id \"{0}\" appears twice for brand \"{1}\" in wave {2} (also line {3})",
        ["Import.RepeatedTimes"] = "respondent_id \"{0}\" appears {4} times for brand \"{1}\" in wave {2} (also line {3})",
        ["Import.RepeatedKind"] = "respondent_id repeated in the file for brand \"{0}\" in wave {1}",
        ["Import.AlreadyStored"] = "respondent_id \"{0}\" already exists for brand \"{1}\" in wave {2} from import {3} ({4}, {5:yyyy-MM-dd HH:mm} UTC); import with replace to replace that wave's data for the brands in this file",
        ["Import.AlreadyStoredKind"] = "respondent_id already stored for brand \"{0}\" in wave {1}",
        // Warnings
        ["Import.IgnoredColumns"] = "columns ignored (not part of the response format): {0}",
        ["Import.ProspectPillars"] = "prospect rows carry Six Pillars answers ({0} rows); those are customers' questions, so they are stored but not scored",
        ["Import.ProspectKei"] = "prospect rows carry KEI answers ({0} rows); those are customers' questions, so they are stored but not scored",
        ["Import.ProspectPillarsKei"] = "prospect rows carry Six Pillars answers ({0} rows) and KEI answers ({1} rows); those are customers' questions, so they are stored but not scored",
        // Look-alike names, said before the data manager commits
        ["Import.SectorLooksLike"] = "new sector \"{0}\" looks like the existing sector \"{1}\"{2}",
        ["Import.BrandLooksLike"] = "new brand \"{0}\" in {3} looks like the existing brand \"{1}\"{2}",
        ["Import.NewSectorsAlike"] = "new sectors \"{0}\" and \"{1}\" in this file look alike{2}",
        ["Import.NewBrandsAlike"] = "new brands \"{0}\" and \"{1}\" in {3} in this file look alike{2}",
        ["Import.WaveLooksLike"] = "new wave \"{0}\" looks like the existing wave \"{1}\"",
        ["Import.ItHas"] = " (it has {0})",
        // Names, waves and rows that are not there
        ["NotFound.Sector"] = "There is no sector \"{0}\".",
        ["NotFound.SectorListed"] = "There is no sector \"{0}\". Sectors: {1}.",
        ["NotFound.Wave"] = "There is no wave \"{0}\".",
        ["NotFound.WaveListed"] = "There is no wave \"{0}\". Waves: {1}.",
        ["NotFound.EmptyStore"] = "There is no {0} \"{1}\". The store is empty: import a response file first.",
        ["NotFound.Brand"] = "There is no brand \"{0}\".",
        ["NotFound.BrandIn"] = "There is no brand \"{0}\" in {1}.",
        ["NotFound.BrandListed"] = "There is no brand \"{0}\" in {1}. Brands: {2}.",
        ["NotFound.BrandInWave"] = "{0} has no brand \"{1}\" in {2}.",
        ["NotFound.BrandInCategory"] = "\"{0}\" has no respondents in {1}: {2} in {3} {4}.",
        ["NotFound.BrandOfSector"] = "{0} has no brand \"{1}\".",
        ["NotFound.BrandNotHeld"] = "\"{0}\" in {1} is not one of your organisation's brands.",
        ["NotFound.NoSegments"] = "{0} has no segments in {1}: its files carried no segment columns.",
        ["NotFound.Segment"] = "There is no segment \"{0}\" in {1} {2}. Segments: {3}.",
        ["NotFound.Category"] = "Segment {1} has no category \"{0}\" in {2}. Categories: {3}.",
        ["NotFound.BrandInSeveral"] = "\"{0}\" is a brand in {1}; name the sector too.",
        ["NotFound.NoCustomers"] = "{0} has no customer responses in {1} {2}.",
        ["NotFound.NoCustomersInCategory"] = "{0} has no customers in {1}: {2} in {3} {4}.",
        ["NotFound.NoLensAnswers"] = "{0} has no {1} answers in {2}: its file did not carry those columns.",
        ["Frame.Unreadable"] = "The frame is not readable JSON: {0}",
        ["Frame.Empty"] = "The frame has no themes.",
        ["Frame.TooMany"] = "The frame has {0} themes; at most {1} are kept apart well.",
        ["Frame.ThemeIncomplete"] = "Theme {0} needs a key, a Dutch name (nameNl) and an English name (nameEn).",
        ["Frame.BadKey"] = "Theme key \"{0}\" is not one word: a key has letters, digits, - and _ only, at most {1} (it goes into links).",
        ["Frame.KeyTwice"] = "Theme key \"{0}\" is there twice.",
        ["Frame.NameTooLong"] = "Theme \"{0}\": a name has at most {1} characters.",
        ["Frame.UnknownFactor"] = "Theme \"{0}\": \"{1}\" is not a success factor ({2}).",
        ["Frame.NoRulesNl"] = "Theme \"{0}\" has no Dutch rules.",
        ["Frame.NoRulesEn"] = "Theme \"{0}\" has no English rules.",
        ["Frame.TooManyRulesNl"] = "Theme \"{0}\" has {1} Dutch rules; at most {2}.",
        ["Frame.TooManyRulesEn"] = "Theme \"{0}\" has {1} English rules; at most {2}.",
        ["Frame.BadRuleNl"] = "Theme \"{0}\": the Dutch rule \"{1}\" is not one word or a stem ending in *.",
        ["Frame.BadRuleEn"] = "Theme \"{0}\": the English rule \"{1}\" is not one word or a stem ending in *.",
        ["Release.NoData"] = "{0} has no responses in {1}: there is nothing to release or withdraw.",
        ["Release.WaveEmpty"] = "Wave {0} has no responses in any sector: there is nothing to release or withdraw.",
        ["NotFound.Theme"] = "There is no theme \"{0}\" in the coding frame. Themes: {1}.",
        ["NotFound.Import"] = "There is no import {0}.",
        ["NotFound.Upload"] = "This upload does not exist any more (it was imported, discarded, refused, or left for more than a day).",
        ["NotFound.NoRespondent"] = "{0} ({1}) has no respondent with that id in {2}; nothing was erased. Respondent ids are matched exactly, as in the file.",
        ["NotFound.ErasedByRetention"] = "Retention removed every respondent row of {0} on {1:yyyy-MM-dd}: nothing of any respondent in it is stored any more, so there is nothing to erase. Only the published totals remain.",
        ["NotFound.ExportedByRetention"] = "Retention removed the respondent rows of {0} on {1:yyyy-MM-dd}; only its published totals remain, so there are no responses to export.",
        // Undo, rename and merge refused; nothing was changed
        ["Undo.AlreadyUndone"] = "Import {0} ({1}) was already undone on {2:yyyy-MM-dd HH:mm} UTC.",
        ["Undo.Retained"] = "Import {0} ({1}) cannot be undone: retention removed its respondent rows on {2:yyyy-MM-dd}, and its numbers stay published.",
        ["Undo.Replaced"] = "Import {0} ({1}) replaced {2} rows of earlier imports; undoing it would not bring them back. Import the earlier file again with replace instead.",
        ["Names.SectorExists"] = "There is already a sector \"{0}\"; merge \"{1}\" into it instead.",
        ["Names.BrandExists"] = "{0} already has a brand \"{1}\"; merge \"{2}\" into it instead.",
        ["Names.SameBrand"] = "\"{0}\" and \"{1}\" are the same brand.",
        ["Names.SameSector"] = "\"{0}\" and \"{1}\" are the same sector.",
        ["Names.SectorsRetained"] = "\"{0}\" and \"{1}\" both have responses in {2}, whose respondent rows retention removed; merged there, the sector's key drivers could not be computed again. Nothing was changed.",
        ["Names.BrandsRetained"] = "\"{0}\" and \"{1}\" both have responses in {2}, whose respondent rows retention removed; merged there, their key drivers could not be computed again. Nothing was changed.",
        ["Names.SharedRespondents"] = "\"{0}\" and \"{1}\" share respondents in the same wave ({2}{3}); merged, they would repeat. Nothing was changed.",
        ["Names.Shared"] = "{0} in {1}, the first at line {2} of {3}",
        ["Names.More"] = "; …",
        ["Names.NeedsName"] = "A {0} needs a name.",
        ["Names.TooLong"] = "A {0} name is at most {1} characters.",
        ["Names.Invisible"] = "The new name holds an invisible or control character (U+{0:X4}); names may hold letters, digits, spaces and punctuation only.",
        // Accounts and tokens: what was refused, and why
        ["Account.NoUser"] = "There is no user {0}.",
        ["Account.AdminExists"] = "There is no administrator, but {0} exists already; give it the Admin role: cxplus users roles {0} --role Admin",
        ["Account.TokenName"] = "A token needs a name of 1 to 100 characters, e.g. the tool that will use it.",
        ["Account.TokenDisabled"] = "{0} is disabled; enable it before giving it a token.",
        ["Account.NoToken"] = "{0} has no active token {1}.",
        ["Account.NeedsRole"] = "{0} needs at least one role ({1} or {2}); to keep someone out, do not add them or disable them.",
        ["Account.NoRole"] = "There is no role \"{0}\"; the roles are {1}.",
        ["Account.LastAdminRole"] = "{0} is the last enabled administrator and cannot lose the Admin role; make someone else an administrator first.",
        ["Account.LastAdminDisable"] = "{0} is the last enabled administrator and cannot be disabled; make someone else an administrator first.",
        ["Account.Because"] = "{0}: {1}",
        ["Account.LanguageNotSaved"] = "the language of {0} was not saved",
        ["Account.NotCreated"] = "{0} was not created",
        ["Account.RolesNotChanged"] = "The roles were not changed",
        ["Account.NotDisabled"] = "The user was not disabled",
        ["Account.NotEnabled"] = "The user was not enabled",
        ["Account.PasswordNotChanged"] = "The password was not changed",
        ["Account.NotUnlocked"] = "The user was not unlocked",
        ["Account.PasswordTooShort"] = "Passwords must be at least {0} characters.",
        ["Account.PasswordUniqueChars"] = "Passwords must use at least {0} different characters.",
        ["Account.Taken"] = "That e-mail address already has an account.",
        ["Account.InvalidEmail"] = "That is not an e-mail address.",
        ["Account.Other"] = "{0}",
        ["Account.ClientAlone"] = "{0}: the role Client is given alone; a client's person sees only its own brands, every other role sees them all.",
        ["Account.ClientNeedsOrganisation"] = "{0}: a user with the role Client belongs to an organisation; name it (--client NAME, see: cxplus clients list).",
        ["Account.ClientOnlyForClients"] = "{0}: only a user with the role Client belongs to an organisation.",
        ["Client.NeedsName"] = "An organisation needs a name.",
        ["Client.TooLong"] = "An organisation's name is at most {0} characters.",
        ["Client.Exists"] = "There is already an organisation \"{0}\".",
        ["Client.NotFound"] = "There is no organisation \"{0}\". Organisations: {1}.",
        ["Client.NoneYet"] = "There is no organisation \"{0}\"; there are none yet (cxplus clients add NAME creates one).",
        ["Client.HasUsers"] = "{0} still has people ({1}); give them another role or organisation first. Nothing was changed.",
        ["Client.NoBrands"] = "Your organisation holds no brand in the benchmark yet.",
        ["Client.NotHeld"] = "{0} does not hold {1} in {2}; nothing was changed.",
        // What a lookup names: the "{0}" of NotFound.EmptyStore
        ["Noun.sector"] = "sector",
        ["Noun.wave"] = "wave",
        ["Noun.brand"] = "brand",
    };
}

/// <summary>An operation refused or a thing not found, its reason as a <see cref="Data.Sentence"/> (the pages write it in the reader's language), its message in English.</summary>
public abstract class SentenceException(Sentence sentence) : Exception(sentence.ToString())
{
    public Sentence Sentence { get; } = sentence;
}
