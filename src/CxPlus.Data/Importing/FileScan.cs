using System.Security.Cryptography;
using System.Text;

namespace CxPlus.Data.Importing;

/// <summary>
/// One streaming pass over a file's bytes before it is parsed: its SHA-256 (to refuse a file
/// imported before) and whether it is UTF-8 text at all, with the line of the first bad byte.
/// </summary>
internal static class FileScan
{
    public static async Task<(string Sha256, ImportProblem? Problem)> ScanAsync(Stream file, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[1 << 20];
        long total = 0;
        var lines = 1;
        ImportProblem? problem = null;
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            sha.AppendData(chunk);
            if (problem is null)
            {
                // Excel's "Unicode text" is UTF-16: say so, rather than "binary".
                if (total == 0 && read >= 2 && (chunk[..2].SequenceEqual((byte[])[0xFF, 0xFE]) || chunk[..2].SequenceEqual((byte[])[0xFE, 0xFF])))
                    problem = new(null, null, new("Import.Utf16"));
                else if (chunk.IndexOf((byte)0) is var nul and >= 0)
                    problem = new(lines + chunk[..nul].Count((byte)'\n'), null, new("Import.NulByte"));
                else
                {
                    try
                    {
                        decoder.GetCharCount(chunk, flush: false);
                    }
                    catch (DecoderFallbackException e)
                    {
                        var at = Math.Clamp(e.Index, 0, read);
                        problem = new(lines + chunk[..at].Count((byte)'\n'), null, new("Import.NotUtf8"));
                    }
                }
                lines += chunk.Count((byte)'\n');
            }
            total += read;
        }
        if (total == 0) problem = new(null, null, new("Import.Empty"));
        file.Seek(0, SeekOrigin.Begin);
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), problem);
    }
}
