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
                        effectiveness, ease, emotion, grp) FROM STDIN (FORMAT BINARY)
        """;
    private const short FieldCount = 25;

    /// <summary>The most one row can take: 25 length words, 8-byte fields, and a respondent id of 4 bytes per character.</summary>
    private const int MaxRowBytes = 2 + FieldCount * (4 + 8) + 4 * Limits.RespondentIdLength;

    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0,
        0, 0, 0, 0, // flags: no OIDs
        0, 0, 0, 0]; // no header extension

    private readonly NpgsqlRawCopyStream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _at;
    private bool _completed;

    private ResponseCopyWriter(NpgsqlRawCopyStream stream)
    {
        _stream = stream;
        Header.CopyTo(_buffer);
        _at = Header.Length;
    }

    public static async Task<ResponseCopyWriter> BeginAsync(NpgsqlConnection connection, CancellationToken ct) =>
        new(await connection.BeginRawBinaryCopyAsync(Command, ct));

    /// <summary>Buffers one valid row with its respondent group; sends the buffer when the next row might not fit.</summary>
    public ValueTask WriteAsync(int waveId, int brandId, long importId, ParsedRow row, int group, CancellationToken ct)
    {
        var span = _buffer.AsSpan();
        BinaryPrimitives.WriteInt16BigEndian(span[_at..], FieldCount);
        _at += 2;
        Int32(waveId);
        Int32(brandId);
        var length = Encoding.UTF8.GetBytes(row.RespondentId, span[(_at + 4)..]);
        BinaryPrimitives.WriteInt32BigEndian(span[_at..], length);
        _at += 4 + length;
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
        if (_completed) return;
        _completed = true;
        await _stream.CancelAsync(); // sends CopyFail: the server discards this COPY
        await _stream.DisposeAsync();
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _at), ct);
        _at = 0;
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
