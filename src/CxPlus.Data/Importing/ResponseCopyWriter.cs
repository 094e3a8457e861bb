using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace CxPlus.Data.Importing;

/// <summary>
/// Writes rows into <c>responses</c> in PostgreSQL's binary COPY format, straight onto Npgsql's
/// raw COPY stream. Npgsql's own binary importer looks up a converter for every value it writes:
/// for a million rows of 15 columns that cost 0.95 s of client CPU, against 0.1 s here (measured;
/// docs/performance.md), and the client shares the machine's cores with the server.
/// Format: https://www.postgresql.org/docs/current/sql-copy.html (Binary Format): a header, then
/// per row a 16-bit field count and per field a 32-bit length (-1 for NULL) and its big-endian
/// bytes, then a 16-bit -1.
/// </summary>
internal sealed class ResponseCopyWriter : IAsyncDisposable
{
    private const string Command = """
        COPY responses (wave_id, brand_id, respondent_id, import_id, line, role,
                        clear_brand_promise, empowered_employees, empowered_customers, lasting_memories, exceptional_delivery,
                        weight, nps, csat, ces,
                        personalisation, integrity, expectations, resolution, time_and_effort, empathy,
                        effectiveness, ease, emotion, grp, segments) FROM STDIN (FORMAT BINARY)
        """;
    private const short FieldCount = 26;

    /// <summary>The most one row can take besides its segments: 26 length words and 8-byte fields, the pseudonym among them.</summary>
    private const int MaxRowBytes = 2 + FieldCount * (4 + 8) + RespondentPseudonyms.Length;

    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0,
        0, 0, 0, 0, // flags: no OIDs
        0, 0, 0, 0]; // no header extension

    private readonly NpgsqlRawCopyStream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _at;
    private bool _completed;

    // Pseudonyms have one length, so a row's place for its pseudonym is left open and a buffer's worth
    // are hashed at once before it is sent, on two threads: the HMAC is the import's largest single
    // cost on the client (0.5 s per million rows), and it is spread over the cores PostgreSQL shares.
    private readonly RespondentPseudonyms[] _hashers;
    private readonly List<(int At, string FieldworkId)> _open = new(1024);

    private readonly SegmentJson _segments;
    private readonly NpgsqlConnection _connection;
    private CommentRows? _comments;

    private ResponseCopyWriter(NpgsqlConnection connection, NpgsqlRawCopyStream stream, RespondentPseudonyms pseudonyms, IReadOnlyList<string> segments)
    {
        _connection = connection;
        _stream = stream;
        _segments = new SegmentJson(segments);
        _hashers = [pseudonyms, pseudonyms.Twin()];
        Header.CopyTo(_buffer);
        _at = Header.Length;
    }

    /// <param name="connection">The import's connection, in its transaction.</param>
    /// <param name="pseudonyms">Makes each respondent's pseudonym.</param>
    /// <param name="segments">The file's segments (step 26), in the order of each row's categories.</param>
    /// <param name="ct">Cancels the COPY.</param>
    public static async Task<ResponseCopyWriter> BeginAsync(NpgsqlConnection connection, RespondentPseudonyms pseudonyms, IReadOnlyList<string> segments, CancellationToken ct) =>
        new(connection, await connection.BeginRawBinaryCopyAsync(Command, ct), pseudonyms, segments);

    /// <summary>Buffers one valid row with its respondent group; sends the buffer when the next row might not fit.</summary>
    public ValueTask WriteAsync(int waveId, int brandId, long importId, ParsedRow row, int group, CancellationToken ct)
    {
        var segments = _segments.Of(row);
        if (row.Comment is not null) (_comments ??= new CommentRows()).Write(waveId, brandId, importId, row, segments);
        // A row's segments may be long (20 categories of up to 200 characters): make room first.
        return _at + MaxRowBytes + 5 + segments.Length > _buffer.Length ? FlushThenWriteAsync(waveId, brandId, importId, row, group, ct) : Write(waveId, brandId, importId, row, group, segments, ct);
    }

    private async ValueTask FlushThenWriteAsync(int waveId, int brandId, long importId, ParsedRow row, int group, CancellationToken ct)
    {
        await FlushAsync(ct);
        await Write(waveId, brandId, importId, row, group, _segments.Of(row), ct);
    }

    private ValueTask Write(int waveId, int brandId, long importId, ParsedRow row, int group, ReadOnlySpan<byte> segments, CancellationToken ct)
    {
        var span = _buffer.AsSpan();
        BinaryPrimitives.WriteInt16BigEndian(span[_at..], FieldCount);
        _at += 2;
        Int32(waveId);
        Int32(brandId);
        BinaryPrimitives.WriteInt32BigEndian(span[_at..], RespondentPseudonyms.Length);
        _open.Add((_at + 4, row.FieldworkId));
        _at += 4 + RespondentPseudonyms.Length;
        BinaryPrimitives.WriteInt32BigEndian(span[_at..], 8);
        BinaryPrimitives.WriteInt64BigEndian(span[(_at + 4)..], importId);
        _at += 12;
        Int32(row.Line);
        Int16((int)row.Role);
        foreach (var rating in row.Ratings) Int16(rating);
        BinaryPrimitives.WriteInt32BigEndian(span[_at..], 8);
        BinaryPrimitives.WriteDoubleBigEndian(span[(_at + 4)..], row.Weight);
        _at += 12;
        Int16(row.Nps);
        Int16(row.Csat);
        Int16(row.Ces);
        foreach (var rating in row.Pillars) Int16(rating);
        foreach (var answer in row.Kei) Int16(answer);
        Int16(group);
        if (segments.IsEmpty)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[_at..], -1);
            _at += 4;
        }
        else
        {
            // json's binary form is its text.
            BinaryPrimitives.WriteInt32BigEndian(span[_at..], segments.Length);
            segments.CopyTo(span[(_at + 4)..]);
            _at += 4 + segments.Length;
        }
        return _at > _buffer.Length - MaxRowBytes ? FlushAsync(ct) : ValueTask.CompletedTask;
    }

    /// <summary>
    /// Ends the data and the COPY, then copies the comments; without this, disposing cancels the COPY
    /// and nothing is stored. Returns whether the file brought comments.
    /// </summary>
    public async Task<bool> CompleteAsync(CancellationToken ct)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_at), -1);
        _at += 2;
        await FlushAsync(ct);
        _completed = true;
        await _stream.DisposeAsync(); // sends CopyDone and waits for the server's answer
        if (_comments is null) return false;
        await _comments.CopyAsync(_connection, ct);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _hashers[1].Dispose(); // the first is the caller's
        _comments?.Dispose();
        if (_completed) return;
        _completed = true;
        await _stream.CancelAsync(); // sends CopyFail: the server discards this COPY
        await _stream.DisposeAsync();
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        FillPseudonyms();
        await _stream.WriteAsync(_buffer.AsMemory(0, _at), ct);
        _at = 0;
    }

    private void FillPseudonyms()
    {
        var half = _open.Count / 2;
        void Fill(int from, int to, RespondentPseudonyms hasher)
        {
            for (var i = from; i < to; i++)
                hasher.WriteUtf8(_open[i].FieldworkId, _buffer.AsSpan(_open[i].At, RespondentPseudonyms.Length));
        }
        if (_open.Count < 64) Fill(0, _open.Count, _hashers[0]);
        else Parallel.Invoke(() => Fill(0, half, _hashers[0]), () => Fill(half, _open.Count, _hashers[1]));
        _open.Clear();
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at + 4), value);
        _at += 8;
    }

    private void Int16(int? value)
    {
        if (value is not { } v)
        {
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), -1);
            _at += 4;
            return;
        }
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), 2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_at + 4), (short)v);
        _at += 6;
    }
}

/// <summary>
/// The comments of a COPY into responses, gathered while it runs (one connection carries one COPY at
/// a time) in PostgreSQL's binary COPY format in a file of their own, and copied into <c>comments</c>
/// when the responses are in. The texts were redacted as they were read (step 28); the file is the
/// operating system's temporary file, deleted when it is closed, also when the import fails.
/// </summary>
internal sealed class CommentRows : IDisposable
{
    private const string Command = """
        COPY comments (wave_id, brand_id, import_id, line, role, nps, weight, rated, segments, language, text) FROM STDIN (FORMAT BINARY)
        """;
    private const short FieldCount = 11;

    private readonly FileStream _file = new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    private byte[] _row = new byte[1 << 12];
    private int _at;

    public CommentRows() => _file.Write([(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    public void Write(int waveId, int brandId, long importId, ParsedRow row, ReadOnlySpan<byte> segments)
    {
        var room = 2 + FieldCount * (4 + 8) + segments.Length + 1 + Encoding.UTF8.GetMaxByteCount(row.Comment!.Length) + 2;
        if (_row.Length < room) _row = new byte[Math.Max(room, _row.Length * 2)];
        _at = 0;
        BinaryPrimitives.WriteInt16BigEndian(_row, FieldCount);
        _at = 2;
        Field(4); BinaryPrimitives.WriteInt32BigEndian(_row.AsSpan(_at), waveId); _at += 4;
        Field(4); BinaryPrimitives.WriteInt32BigEndian(_row.AsSpan(_at), brandId); _at += 4;
        Field(8); BinaryPrimitives.WriteInt64BigEndian(_row.AsSpan(_at), importId); _at += 8;
        Field(4); BinaryPrimitives.WriteInt32BigEndian(_row.AsSpan(_at), row.Line); _at += 4;
        Field(2); BinaryPrimitives.WriteInt16BigEndian(_row.AsSpan(_at), (short)row.Role); _at += 2;
        if (row.Nps is { } nps) { Field(2); BinaryPrimitives.WriteInt16BigEndian(_row.AsSpan(_at), (short)nps); _at += 2; }
        else Field(-1);
        Field(8); BinaryPrimitives.WriteDoubleBigEndian(_row.AsSpan(_at), row.Weight); _at += 8;
        short rated = 0;
        foreach (var rating in row.Ratings) if (rating is not null) rated++;
        Field(2); BinaryPrimitives.WriteInt16BigEndian(_row.AsSpan(_at), rated); _at += 2;
        if (segments.IsEmpty) Field(-1);
        else
        {
            Field(segments.Length); // json's binary form is its text
            segments.CopyTo(_row.AsSpan(_at));
            _at += segments.Length;
        }
        Text(row.CommentLanguage!);
        Text(row.Comment);
        _file.Write(_row, 0, _at);
    }

    /// <summary>Sends the gathered rows as one COPY, in the caller's transaction.</summary>
    public async Task CopyAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        _file.Write([0xFF, 0xFF]); // the trailer: a field count of -1
        _file.Position = 0;
        var copy = await connection.BeginRawBinaryCopyAsync(Command, ct);
        try
        {
            await _file.CopyToAsync(copy, ct);
        }
        catch
        {
            await copy.CancelAsync(); // CopyFail: nothing of it is kept (and the import's transaction rolls back)
            throw;
        }
        finally
        {
            await copy.DisposeAsync(); // after the data: CopyDone, and the server's answer
        }
    }

    public void Dispose() => _file.Dispose();

    private void Field(int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(_row.AsSpan(_at), length);
        _at += 4;
    }

    private void Text(string value)
    {
        var length = Encoding.UTF8.GetBytes(value, _row.AsSpan(_at + 4));
        Field(length);
        _at += length;
    }
}

/// <summary>
/// A row's segments as the JSON object stored with it, e.g. <c>{"age":"18-34","region":"Noord"}</c>
/// (UTF-8, written into one reused buffer; each name's and category's escaped form is made once,
/// found by the category's number). Empty when the row is in no category of any segment.
/// </summary>
internal sealed class SegmentJson(IReadOnlyList<string> segments)
{
    private readonly byte[][] _names = [.. segments.Select(s => System.Text.Json.JsonEncodedText.Encode(s).EncodedUtf8Bytes.ToArray())];
    private readonly byte[]?[][] _categories = [.. segments.Select(_ => new byte[]?[ResponseFileReader.MaxCategories])];
    private byte[] _buffer = new byte[256];

    public ReadOnlySpan<byte> Of(ParsedRow row)
    {
        var at = 0;
        for (var k = 0; k < row.SegmentCodes.Length; k++)
        {
            if (row.SegmentCodes[k] is var code && code < 0) continue;
            var value = _categories[k][code] ??= System.Text.Json.JsonEncodedText.Encode(row.Segments[k]!).EncodedUtf8Bytes.ToArray();
            var name = _names[k];
            if (_buffer.Length < at + name.Length + value.Length + 8) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, at + name.Length + value.Length + 8));
            _buffer[at] = (byte)(at == 0 ? '{' : ',');
            at++;
            _buffer[at++] = (byte)'"';
            name.CopyTo(_buffer, at);
            at += name.Length;
            _buffer[at++] = (byte)'"';
            _buffer[at++] = (byte)':';
            _buffer[at++] = (byte)'"';
            value.CopyTo(_buffer, at);
            at += value.Length;
            _buffer[at++] = (byte)'"';
        }
        if (at == 0) return [];
        _buffer[at++] = (byte)'}';
        return _buffer.AsSpan(0, at);
    }
}
