using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace CxPlus.Data.Importing;

/// <summary>
/// Respondent ids are personal data: the store keeps a keyed hash of each (HMAC-SHA256 with the
/// store's own key), never the fieldwork id. The same id always gives the same pseudonym in one
/// store, so re-imports, replace and the duplicate checks work as before; without the key nobody
/// can tell which fieldwork id a row came from. The key lives in <c>store_keys</c> beside the
/// data-protection keys, protected as they are by the store's credentials; it is never logged or
/// shown. A pseudonym in a file (an exported <c>responses.csv</c> imported again) is kept as it is.
/// <para>Not thread-safe: one instance per import.</para>
/// </summary>
public sealed class RespondentPseudonyms : IDisposable
{
    /// <summary>What every pseudonym starts with; the 1 names this scheme (HMAC-SHA256, 128 bits, base64url).</summary>
    public const string Prefix = "p1:";
    public const int Length = 25; // "p1:" + 22 base64url characters (128 bits)
    private const string KeyName = "respondent-ids";

    private readonly byte[] _key;
    private readonly IncrementalHash _hmac;
    private readonly byte[] _utf8 = new byte[Limits.RespondentIdLength * 4];

    private RespondentPseudonyms(byte[] key) => (_key, _hmac) = (key, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key));

    /// <summary>Another instance with the same key, for another thread.</summary>
    public RespondentPseudonyms Twin() => new(_key);

    /// <summary>Whether an id already is a pseudonym of this scheme.</summary>
    public static bool IsPseudonym(ReadOnlySpan<char> id) =>
        id.Length == Length && id.StartsWith(Prefix, StringComparison.Ordinal) && Base64Url.IsValid(id[Prefix.Length..]);

    /// <summary>The pseudonym of a fieldwork id (an id that is one already stays as it is).</summary>
    public string Of(string fieldworkId)
    {
        if (IsPseudonym(fieldworkId)) return fieldworkId;
        Span<byte> pseudonym = stackalloc byte[Length];
        WriteUtf8(fieldworkId, pseudonym);
        return Encoding.ASCII.GetString(pseudonym);
    }

    /// <summary>Writes the pseudonym of a fieldwork id as its <see cref="Length"/> UTF-8 bytes (no string made).</summary>
    public void WriteUtf8(string fieldworkId, Span<byte> destination)
    {
        if (IsPseudonym(fieldworkId))
        {
            Encoding.UTF8.GetBytes(fieldworkId, destination);
            return;
        }
        var n = Encoding.UTF8.GetBytes(fieldworkId, _utf8);
        Span<byte> mac = stackalloc byte[32];
        _hmac.AppendData(_utf8.AsSpan(0, n));
        _hmac.GetHashAndReset(mac);
        "p1:"u8.CopyTo(destination);
        Base64Url.EncodeToUtf8(mac[..16], destination[Prefix.Length..]);
    }

    public void Dispose() => _hmac.Dispose();

    /// <summary>
    /// The store's pseudonyms. On the first call in a store (at <c>cxplus migrate</c>, or the first
    /// import) a key is made and every respondent id stored before pseudonyms existed is replaced by
    /// its pseudonym, in the caller's transaction; the caller holds the import lock.
    /// </summary>
    public static async Task<RespondentPseudonyms> ForStoreAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var read = new NpgsqlCommand("SELECT key FROM store_keys WHERE name = $1", connection))
        {
            read.Parameters.Add(new() { Value = KeyName });
            if (await read.ExecuteScalarAsync(ct) is byte[] key) return new RespondentPseudonyms(key);
        }
        var made = RandomNumberGenerator.GetBytes(32);
        var pseudonyms = new RespondentPseudonyms(made);
        await PseudonymiseStoredAsync(connection, pseudonyms, ct);
        await using (var insert = new NpgsqlCommand("INSERT INTO store_keys (name, key, created_at) VALUES ($1, $2, now())", connection))
        {
            insert.Parameters.Add(new() { Value = KeyName });
            insert.Parameters.Add(new() { Value = made });
            await insert.ExecuteNonQueryAsync(ct);
        }
        return pseudonyms;
    }

    /// <summary>Replaces every stored fieldwork id by its pseudonym: each distinct id once, then one UPDATE.</summary>
    private static async Task PseudonymiseStoredAsync(NpgsqlConnection connection, RespondentPseudonyms pseudonyms, CancellationToken ct)
    {
        var ids = new List<string>();
        await using (var read = new NpgsqlCommand($"SELECT DISTINCT respondent_id FROM responses WHERE respondent_id !~ '^{Prefix}[A-Za-z0-9_-]{{22}}$'", connection))
        await using (var r = await read.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) ids.Add(r.GetString(0));
        if (ids.Count == 0) return;
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE pseudonyms (fieldwork text COLLATE \"C\" PRIMARY KEY, pseudonym text NOT NULL) ON COMMIT DROP", connection))
            await create.ExecuteNonQueryAsync(ct);
        await using (var copy = await connection.BeginBinaryImportAsync("COPY pseudonyms (fieldwork, pseudonym) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var id in ids)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(id, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(pseudonyms.Of(id), NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using var update = new NpgsqlCommand(
            "UPDATE responses r SET respondent_id = p.pseudonym FROM pseudonyms p WHERE r.respondent_id = p.fieldwork", connection) { CommandTimeout = 0 };
        await update.ExecuteNonQueryAsync(ct);
    }
}
