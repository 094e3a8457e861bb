using System.Globalization;
using System.Text;
using CxPlus.Scoring;
using CxPlus.Scoring.Comments;
using CxPlus.Scoring.Lenses;
using Sylvan.Data.Csv;

namespace CxPlus.Data.Importing;

/// <summary>One data row of a response file, reused between rows to keep parsing allocation-light.</summary>
internal sealed class ParsedRow
{
    public int Line;
    public string Wave = "", Sector = "", Brand = "";
    /// <summary>The respondent's id as the file has it: never stored (the store keeps its pseudonym, <see cref="RespondentPseudonyms"/>).</summary>
    public string FieldworkId = "";
    /// <summary>Wave, sector, brand and respondent id are all present and well-formed.</summary>
    public bool KeyValid;
    /// <summary>Every field is valid: the row can be stored.</summary>
    public bool Valid;
    public Role Role;
    public readonly int?[] Ratings = new int?[SuccessFactors.Count];
    public double Weight;
    public int? Nps, Csat, Ces;
    /// <summary>Six Pillars ratings (step 24), all null when the file has no pillar columns.</summary>
    public readonly int?[] Pillars = new int?[6];
    /// <summary>KEI answers (step 25), all null when the file has no KEI columns.</summary>
    public readonly int?[] Kei = new int?[3];
    /// <summary>The respondent's category of each of the file's segments (step 26), in <see cref="ResponseFileReader.Segments"/>' order; null: in none.</summary>
    public string?[] Segments = [];
    /// <summary>The same categories as their number in the segment's first-met order (<see cref="ResponseFileReader.Categories"/>); -1: in none.</summary>
    public int[] SegmentCodes = [];
    /// <summary>The comment with its personal data replaced (step 28); null when empty or the file has none.</summary>
    public string? Comment;
    /// <summary>The comment's language, <c>nl</c> or <c>en</c>.</summary>
    public string? CommentLanguage;
}

/// <summary>
/// Streams a response file (data-format.md) and validates every row against the contract and
/// the rating scale, adding each problem to a <see cref="ProblemList"/>. Holds one row at a time.
/// </summary>
internal sealed class ResponseFileReader : IDisposable
{
    public const int MaxRecordChars = 1 << 20;

    private static readonly string[] Required =
        ["wave", "sector", "brand", "respondent_id", "role", .. SuccessFactors.All.Select(f => f.Key())];
    private static readonly string[] Optional =
        ["weight", "nps", "csat", "ces", "comment", .. Lenses.Pillars.Select(p => p.Key), .. Lenses.KeiItems.Select(p => p.Key)];

    private readonly CsvDataReader _csv;
    private readonly ScoringSettings _settings;
    private readonly ProblemList _problems;
    private readonly int _wave, _sector, _brand, _respondent, _role, _weight, _nps, _csat, _ces, _comment;
    private readonly int[] _factors, _pillars, _kei;
    private readonly int _fieldCount;
    private int _nextLine = 2;
    private readonly Dictionary<string, NameEntry> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NameEntry>.AlternateLookup<ReadOnlySpan<char>> _namesBySpan;
    /// <summary>The segment columns, in file order, and the categories met in each (case as first met; the name rule decides sameness).</summary>
    private readonly (int Column, string Header)[] _segments;
    private readonly Dictionary<string, int>[] _categories;
    private readonly List<string>[] _categoryNames;
    private readonly bool[] _tooManyCategories;

    /// <summary>A segment column's prefix (data-format.md): <c>segment_age</c> is segment <c>age</c>.</summary>
    public const string SegmentPrefix = "segment_";

    /// <summary>At most this many segment columns in one file, and categories per segment (data-format.md).</summary>
    public const int MaxSegments = 20, MaxCategories = 50;

    /// <summary>The file's segments (step 26), by name, in file order.</summary>
    public IReadOnlyList<string> Segments { get; private set; } = [];

    /// <summary>Per segment, the store's spelling of each category it holds (<see cref="UseStoredSpellings"/>).</summary>
    private Dictionary<string, string>?[] _stored = [];

    /// <summary>Per segment, each spelling string the name table gave and its category's number (<see cref="Category"/>).</summary>
    private readonly Dictionary<string, int>[] _codesBySpelling;

    /// <summary>
    /// Makes the file's segments and categories take the store's spelling where the store holds
    /// them already (by the name rule: a file's "Age" and "flanders" are the stored "age" and
    /// "Flanders"), so that one category is one row of the segment rollups whichever file brought it.
    /// Call before the first row is read.
    /// </summary>
    public void UseStoredSpellings(IReadOnlyDictionary<string, List<string>> stored)
    {
        Segments = [.. Segments.Select(s => stored.Keys.FirstOrDefault(k => Names.Same(k, s)) ?? s)];
        _stored = [.. Segments.Select(s =>
        {
            if (!stored.TryGetValue(s, out var categories)) return null;
            var spelled = new Dictionary<string, string>(Names.Comparer);
            foreach (var c in categories) spelled.TryAdd(c, c);
            return spelled;
        })];
    }

    /// <summary>The categories met in each segment so far (all of them once the file is read), in first-met order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Categories => _categoryNames;

    private ResponseFileReader(CsvDataReader csv, ScoringSettings settings, ProblemList problems, Dictionary<string, int> columns, IReadOnlyList<(int Column, string Header)> segments)
    {
        _segments = [.. segments];
        _categories = [.. segments.Select(_ => new Dictionary<string, int>(Names.Comparer))];
        _categoryNames = [.. segments.Select(_ => new List<string>())];
        _tooManyCategories = new bool[segments.Count];
        _stored = new Dictionary<string, string>?[segments.Count];
        _codesBySpelling = [.. segments.Select(_ => new Dictionary<string, int>(ReferenceEqualityComparer.Instance))];
        _csv = csv;
        _namesBySpan = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _settings = settings;
        _problems = problems;
        _fieldCount = csv.FieldCount;
        int At(string name) => columns.TryGetValue(name, out var i) ? i : -1;
        (_wave, _sector, _brand, _respondent, _role) = (At("wave"), At("sector"), At("brand"), At("respondent_id"), At("role"));
        _factors = [.. SuccessFactors.All.Select(f => At(f.Key()))];
        (_weight, _nps, _csat, _ces, _comment) = (At("weight"), At("nps"), At("csat"), At("ces"), At("comment"));
        _pillars = [.. Lenses.Pillars.Select(p => At(p.Key))];
        _kei = [.. Lenses.KeiItems.Select(p => At(p.Key))];
    }

    /// <summary>Columns the file has that the contract does not know (ignored, reported as a warning).</summary>
    public IReadOnlyList<object> IgnoredColumns { get; private init; } = [];

    /// <summary>
    /// Opens a file (already checked by <see cref="FileScan"/>) and checks its header. Returns null
    /// (with problems added) when required columns are missing or repeated.
    /// </summary>
    /// <param name="stream">The file.</param>
    /// <param name="settings">The scale and limits every value is checked against.</param>
    /// <param name="problems">Where problems go.</param>
    /// <param name="language">The language of a comment whose words do not tell (step 28's placeholders, and search).</param>
    public static ResponseFileReader? Open(Stream stream, ScoringSettings settings, ProblemList problems, string language = "nl")
    {
        var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        CsvDataReader csv;
        char separator;
        try
        {
            // The contract's two separators, told apart by the header line (Sylvan's own detection would take tabs and bars too).
            var header = HeaderLine.Read(text, MaxRecordChars);
            separator = header.Separator;
            csv = CsvDataReader.Create(header.Reader, new CsvDataReaderOptions
            {
                HasHeaders = true,
                Delimiter = separator,
                BufferSize = 1 << 16,
                MaxBufferSize = MaxRecordChars,
                HeaderComparer = StringComparer.OrdinalIgnoreCase,
            });
        }
        catch (CsvRecordTooLargeException e)
        {
            // Opening reads the header and the first data row: say which of the two is too long.
            problems.Add(new(HeaderLineFits(stream) ? 2 : 1, null, DescribeUnreadable(e)));
            return null;
        }
        catch (Exception e) when (e is DecoderFallbackException or CsvFormatException)
        {
            problems.Add(new(1, null, DescribeUnreadable(e)));
            return null;
        }
        catch (CsvMissingHeadersException)
        {
            problems.Add(new(null, null, new("Import.Empty")));
            return null;
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ignored = new List<object>(); // a name, or the text for a column without one
        var segments = new List<(int Column, string Header)>();
        var segmentNames = new List<string>();
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var name = csv.GetName(i).Trim().TrimStart('\uFEFF').Trim();
            if (columns.TryGetValue(name, out var first))
                problems.Add(new(null, null, new("Import.ColumnTwice", name, first + 1, i + 1), IsHeader: true));
            else if (Required.Contains(name, StringComparer.OrdinalIgnoreCase) || Optional.Contains(name, StringComparer.OrdinalIgnoreCase))
                columns[name] = i;
            else if (name.StartsWith(SegmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                columns[name] = i;
                // Step 26: the segment's name follows the name rule, like a brand's.
                var segment = Names.Normalize(name[SegmentPrefix.Length..]);
                var problem = segment.Length == 0 ? new Sentence("Import.SegmentNameEmpty", name, i + 1)
                    : segment.Length > Limits.NameLength ? new Sentence("Import.TooLong", Shorten(segment), Limits.NameLength)
                    : Names.ForbiddenRune(segment) is { } rune ? new Sentence("Import.InvisibleCharacter", Shorten(Names.Printable(segment)), rune.Value)
                    : segmentNames.FirstOrDefault(n => Names.Same(n, segment)) is { } same ? new Sentence("Import.ColumnTwice", name, columns[SegmentPrefix + same] + 1, i + 1)
                    : null;
                if (problem is not null) problems.Add(new(null, null, problem, IsHeader: true));
                else
                {
                    segments.Add((i, name));
                    segmentNames.Add(segment);
                }
            }
            else
                ignored.Add(name.Length > 0 ? name : new Sentence("Import.UnnamedColumn", i + 1));
        }
        foreach (var name in Required.Where(r => !columns.ContainsKey(r)))
            problems.Add(new(null, null, new("Import.ColumnMissing", name), IsHeader: true));
        if (segments.Count > MaxSegments)
            problems.Add(new(null, null, new("Import.TooManySegments", segments.Count, MaxSegments), IsHeader: true));
        if (problems.Any) { csv.Dispose(); return null; }

        return new ResponseFileReader(csv, settings, problems, columns, segments)
            { IgnoredColumns = ignored, Separator = separator, Segments = segmentNames, DefaultLanguage = language };
    }

    /// <summary>The file's separator: <c>,</c>, or <c>;</c> as Dutch and Belgian Excel save CSV (then a decimal comma is a decimal point).</summary>
    public char Separator { get; private init; } = ',';

    /// <summary>Whether the file's first line ends within <see cref="MaxRecordChars"/> (read again from the start).</summary>
    private static bool HeaderLineFits(Stream stream)
    {
        if (!stream.CanSeek) return false;
        stream.Position = 0;
        var buffer = new byte[MaxRecordChars + 1];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return buffer.AsSpan(0, read).IndexOf((byte)'\n') >= 0;
    }

    private static Sentence DescribeUnreadable(Exception e) => e switch
    {
        DecoderFallbackException => new("Import.NotUtf8"),
        CsvRecordTooLargeException => new("Import.RecordTooLong", MaxRecordChars / 1024),
        // Sylvan's other format errors: a quote opened and never closed before the end of the file.
        _ => new("Import.UnclosedQuote"),
    };

    /// <summary>Reads and validates the next data row; false at the end of the file or when it cannot be read further.</summary>
    public bool Read(ParsedRow row)
    {
        while (true)
        {
            bool more;
            try
            {
                more = _csv.Read();
            }
            catch (Exception e) when (e is DecoderFallbackException or CsvFormatException)
            {
                _problems.Add(new(_nextLine, null, DescribeUnreadable(e)));
                return false;
            }
            if (!more) return false;

            row.Line = _nextLine;
            _nextLine += _csv.GetRawRecordSpan().Count('\n');
            // A blank line (often the last) holds no respondent.
            if (_csv.RowFieldCount == 1 && _csv.GetFieldSpan(0).IsWhiteSpace()) continue;

            Validate(row);
            return true;
        }
    }

    private void Validate(ParsedRow row)
    {
        row.KeyValid = row.Valid = false;
        if (_csv.RowFieldCount != _fieldCount)
        {
            Problem(row, null, new(Separator == ';' ? "Import.FieldCountSemicolon" : "Import.FieldCount", _csv.RowFieldCount, _fieldCount));
            return;
        }

        var ok = Name(row, _wave, "wave", Limits.WaveCodeLength, ref row.Wave)
               & Name(row, _sector, "sector", Limits.NameLength, ref row.Sector)
               & Name(row, _brand, "brand", Limits.NameLength, ref row.Brand)
               & Text(row, _respondent, "respondent_id", Limits.RespondentIdLength, ref row.FieldworkId);
        row.KeyValid = ok;

        var role = _csv.GetFieldSpan(_role).Trim();
        if (!Roles.TryParse(role, out row.Role))
        {
            Problem(row, "role", role.IsEmpty ? new("Import.RoleEmpty") : new("Import.RoleUnknown", Shorten(role)));
            ok = false;
        }

        var rated = 0;
        for (var k = 0; k < _factors.Length; k++)
        {
            var column = SuccessFactors.All[k].Key();
            ok &= WholeNumber(row, _factors[k], column, _settings.ScaleMin, _settings.ScaleMax, scale: true, out row.Ratings[k]);
            if (row.Ratings[k] is not null) rated++;
        }

        row.Weight = 1;
        if (_weight >= 0)
        {
            var w = _csv.GetFieldSpan(_weight).Trim();
            if (!w.IsEmpty)
            {
                if (!TryParseDecimal(w, out var weight))
                {
                    Problem(row, "weight", new(Separator == ';' ? "Import.WeightNotDecimalSemicolon" : "Import.WeightNotDecimal", Shorten(w)));
                    ok = false;
                }
                else if (!SurveyWeights.IsAllowed(weight))
                {
                    Problem(row, "weight", new("Import.WeightOutOfRange", Shorten(w), SurveyWeights.Range));
                    ok = false;
                }
                else row.Weight = weight;
            }
        }
        ok &= WholeNumber(row, _nps, "nps", 0, 10, scale: false, out row.Nps);
        ok &= WholeNumber(row, _csat, "csat", 1, 5, scale: false, out row.Csat);
        ok &= WholeNumber(row, _ces, "ces", 1, 7, scale: false, out row.Ces);
        for (var k = 0; k < _pillars.Length; k++)
            ok &= WholeNumber(row, _pillars[k], Lenses.Pillars[k].Key, _settings.ScaleMin, _settings.ScaleMax, scale: true, out row.Pillars[k]);
        for (var k = 0; k < _kei.Length; k++)
            ok &= WholeNumber(row, _kei[k], Lenses.KeiItems[k].Key, Lenses.KeiMin, Lenses.KeiMax, scale: false, out row.Kei[k]);
        if (row.Segments.Length != _segments.Length) (row.Segments, row.SegmentCodes) = (new string?[_segments.Length], new int[_segments.Length]);
        for (var k = 0; k < _segments.Length; k++) ok &= Category(row, k);
        ok &= Comment(row);
        row.Valid = ok;
    }

    /// <summary>A comment's text without control characters other than tabs and line breaks (they carry nothing a reader sees).</summary>
    private static string WithoutControlCharacters(ReadOnlySpan<char> text)
    {
        static bool Kept(char c) => !char.IsControl(c) || c is '\t' or '\n' or '\r';
        foreach (var c in text)
            if (!Kept(c)) return string.Concat(text.ToString().Where(Kept));
        return text.ToString();
    }

    /// <summary>Whether the file has a <c>comment</c> column (step 28).</summary>
    public bool HasComments => _comment >= 0;

    /// <summary>The language of a comment whose words do not tell (the installation's).</summary>
    public string DefaultLanguage { get; init; } = "nl";

    /// <summary>The non-empty comments read so far, and per kind the personal data replaced in them (step 28).</summary>
    public int Comments { get; private set; }

    /// <inheritdoc cref="Comments"/>
    public Dictionary<PersonalData, int> Redactions { get; } = [];

    /// <summary>
    /// Step 28: a comment's personal data is replaced here, as the row is read, so that the text as
    /// delivered goes no further than this reader's buffer: not to the database, a log or a problem
    /// (a comment too long is named by its length, never quoted).
    /// </summary>
    private bool Comment(ParsedRow row)
    {
        (row.Comment, row.CommentLanguage) = (null, null);
        if (_comment < 0) return true;
        var span = _csv.GetFieldSpan(_comment).Trim();
        if (span.IsEmpty) return true;
        if (span.Length > CommentRedaction.MaxLength)
        {
            Problem(row, "comment", new("Import.CommentTooLong", span.Length, CommentRedaction.MaxLength));
            return false;
        }
        // A comment exported by CxPlus starts with an apostrophe where a spreadsheet would read a formula: restored, as names are.
        var text = SpreadsheetText.Restore(WithoutControlCharacters(span));
        var language = CommentLanguage.Detect(text, DefaultLanguage);
        var redacted = CommentRedaction.Redact(text, language);
        foreach (var (kind, count) in redacted.Removed) Redactions[kind] = Redactions.GetValueOrDefault(kind) + count;
        Comments++;
        (row.Comment, row.CommentLanguage) = (redacted.Text, language);
        return true;
    }

    /// <summary>
    /// A segment's category (step 26): empty is "in none"; otherwise a name by the name rule. The
    /// segment's categories are counted as they come: past <see cref="MaxCategories"/> the column is
    /// refused once, naming the column and the value that went past (a column of ids or free text
    /// would otherwise give one problem per row).
    /// </summary>
    private bool Category(ParsedRow row, int k)
    {
        var (column, header) = _segments[k];
        (row.Segments[k], row.SegmentCodes[k]) = (null, -1);
        if (_csv.GetFieldSpan(column).Trim().IsEmpty) return true;
        var category = "";
        if (!Name(row, column, header, Limits.NameLength, ref category)) return false;
        // The name table gives one string per distinct cell text: found by reference, a category costs
        // no name-rule key (which folds case and allocates, and cost a second per million rows with four segments).
        if (_codesBySpelling[k].TryGetValue(category, out var known))
        {
            (row.Segments[k], row.SegmentCodes[k]) = (_categoryNames[k][known], known);
            return true;
        }
        var categories = _categories[k];
        var spelling = category;
        // Two spellings of one category by the name rule ("Noord", "noord") are one: the first met is kept.
        if (categories.TryGetValue(category, out var code))
        {
            (row.Segments[k], row.SegmentCodes[k]) = (_categoryNames[k][code], code);
            Remember(k, spelling, code);
            return true;
        }
        if (categories.Count < MaxCategories)
        {
            // A category the store already holds is written as the store spells it (UseStoredSpellings).
            if (_stored[k] is { } stored && stored.TryGetValue(category, out var spelled)) category = spelled;
            categories[category] = categories.Count;
            _categoryNames[k].Add(category);
            (row.Segments[k], row.SegmentCodes[k]) = (category, categories.Count - 1);
            Remember(k, spelling, categories.Count - 1);
            return true;
        }
        if (!_tooManyCategories[k])
        {
            _tooManyCategories[k] = true;
            Problem(row, header, new("Import.TooManyCategories", header, MaxCategories, Shorten(category)));
        }
        return false;
    }

    /// <summary>A spelling's category, by reference; bounded, as a file past the name table's size brings fresh strings.</summary>
    private void Remember(int segment, string spelling, int code)
    {
        if (_codesBySpelling[segment].Count < 4 * MaxCategories) _codesBySpelling[segment][spelling] = code;
    }

    /// <summary>
    /// A wave, sector or brand: trimmed and in NFC (<see cref="Names"/>), without the apostrophe
    /// our exports put before a leading = + - @ or ' (<see cref="SpreadsheetText"/>), and free of
    /// control and invisible characters. Each distinct spelling is worked out once and the same
    /// string instance returned for every row that repeats it, so rows allocate nothing here and
    /// the importer can compare names by reference.
    /// </summary>
    private bool Name(ParsedRow row, int column, string name, int maxLength, ref string current)
    {
        var span = _csv.GetFieldSpan(column).Trim();
        if (span.IsEmpty)
        {
            Problem(row, name, Empty(name));
            return false;
        }
        if (!_namesBySpan.TryGetValue(span, out var entry))
        {
            var raw = span.ToString();
            var spelling = Names.Normalize(SpreadsheetText.Restore(raw));
            var problem = spelling.Length == 0 ? Empty(name)
                : spelling.Length > maxLength ? new Sentence("Import.TooLong", Shorten(spelling), maxLength)
                : Names.ForbiddenRune(spelling) is { } rune ? new Sentence("Import.InvisibleCharacter", Shorten(Names.Printable(spelling)), rune.Value)
                : null;
            entry = new NameEntry(spelling, problem);
            // A file with absurdly many distinct names must not grow this table without bound.
            if (_names.Count < 100_000) _names[raw] = entry;
        }
        if (entry.Problem is not null)
        {
            Problem(row, name, entry.Problem);
            return false;
        }
        current = entry.Spelling;
        return true;
    }

    private sealed record NameEntry(string Spelling, Sentence? Problem);

    private static Sentence Empty(string column) => new(column switch
    {
        "wave" => "Import.WaveEmpty", "sector" => "Import.SectorEmpty", "brand" => "Import.BrandEmpty", "respondent_id" => "Import.RespondentEmpty",
        _ => "Import.CategoryEmpty", // a segment column's
    });

    private bool Text(ParsedRow row, int column, string name, int maxLength, ref string current)
    {
        var span = _csv.GetFieldSpan(column).Trim();
        if (span.IsEmpty)
        {
            Problem(row, name, Empty(name));
            return false;
        }
        if (span.Length > maxLength)
        {
            Problem(row, name, new("Import.TooLong", Shorten(span), maxLength));
            return false;
        }
        // Files are usually sorted by wave, sector and brand: reuse the previous row's string.
        if (!span.SequenceEqual(current)) current = SpreadsheetText.Restore(span.ToString());
        if (current.AsSpan().ContainsAnyInRange('\0', '\x1f') || current.AsSpan().ContainsAnyInRange('\x7f', '\x9f'))
        {
            Problem(row, name, new("Import.ControlCharacter", Shorten(Names.Printable(current))));
            current = "";
            return false;
        }
        return true;
    }

    /// <summary>A decimal number with <c>.</c>, or in a semicolon file <c>,</c>, as its decimal point (never both: that is a thousands separator).</summary>
    private bool TryParseDecimal(ReadOnlySpan<char> text, out double value)
    {
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if (Separator == ';' && text.Contains(',') && text.Length <= 64)
        {
            Span<char> copy = stackalloc char[text.Length];
            text.CopyTo(copy);
            copy.Replace(',', '.');
            value = 0;
            return !text.Contains('.') && text.Count(',') == 1 && double.TryParse(copy, style, CultureInfo.InvariantCulture, out value);
        }
        return double.TryParse(text, style, CultureInfo.InvariantCulture, out value);
    }

    private bool WholeNumber(ParsedRow row, int column, string name, int min, int max, bool scale, out int? value)
    {
        value = null;
        if (column < 0) return true;
        var span = _csv.GetFieldSpan(column).Trim();
        if (span.IsEmpty) return true;
        if (!int.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Problem(row, name, new("Import.NotWhole", Shorten(span)));
            return false;
        }
        if (number < min || number > max)
        {
            Problem(row, name, new(scale ? "Import.OutsideScale" : "Import.OutsideRange", number.ToString(CultureInfo.InvariantCulture), min, max));
            return false;
        }
        value = number;
        return true;
    }

    private void Problem(ParsedRow row, string? column, Sentence text) => _problems.Add(new(row.Line, column, text));

    private static string Shorten(ReadOnlySpan<char> value) => value.Length <= 40 ? value.ToString() : string.Concat(value[..40], "…");

    public void Dispose() => _csv.Dispose();
}
