using System.Buffers.Binary;
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
                        effectiveness, ease, emotion, grp) FROM STDIN (FORMAT BINARY)
        """;
    private const short FieldCount = 25;

    /// <summary>The most one row can take: 25 length words and 8-byte fields, the pseudonym among them.</summary>
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

    private ResponseCopyWriter(NpgsqlRawCopyStream stream, RespondentPseudonyms pseudonyms)
    {
        _stream = stream;
        _hashers = [pseudonyms, pseudonyms.Twin()];
        Header.CopyTo(_buffer);
        _at = Header.Length;
    }

    public static async Task<ResponseCopyWriter> BeginAsync(NpgsqlConnection connection, RespondentPseudonyms pseudonyms, CancellationToken ct) =>
        new(await connection.BeginRawBinaryCopyAsync(Command, ct), pseudonyms);

    /// <summary>Buffers one valid row with its respondent group; sends the buffer when the next row might not fit.</summary>
    public ValueTask WriteAsync(int waveId, int brandId, long importId, ParsedRow row, int group, CancellationToken ct)
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
        return _at > _buffer.Length - MaxRowBytes ? FlushAsync(ct) : ValueTask.CompletedTask;
    }

    /// <summary>Ends the data and the COPY; without this, disposing cancels the COPY and nothing is stored.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_at), -1);
        _at += 2;
        await FlushAsync(ct);
        _completed = true;
        await _stream.DisposeAsync(); // sends CopyDone and waits for the server's answer
    }

    public async ValueTask DisposeAsync()
    {
        _hashers[1].Dispose(); // the first is the caller's
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
