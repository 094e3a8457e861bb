using System.Text.Json;
using CxPlus.Data;

namespace CxPlus.Web.Features.Imports;

/// <summary>A file uploaded for import, waiting for the data manager to read its check and commit.</summary>
public sealed record PendingUpload(Guid Id, string FileName, string UploadedBy, DateTimeOffset UploadedAt, bool Replace, long Bytes);

/// <summary>
/// Uploaded files between "check" and "commit", on disk (never in memory): one file and one small
/// JSON record each, in a private folder. Nothing here touches the store; an upload nobody
/// commits is removed after a day.
/// </summary>
public sealed class PendingUploads
{
    /// <summary>The largest response file the browser may upload (the CLI has no limit).</summary>
    public const long MaxBytes = 200L * 1024 * 1024;
    public const string MaxBytesText = "200 MB";
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private readonly string _folder;
    private readonly TimeProvider _clock;

    public PendingUploads(IConfiguration configuration, TimeProvider clock)
    {
        _folder = configuration["Uploads:Folder"] is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "cxplus-uploads");
        _clock = clock;
        Directory.CreateDirectory(_folder);
    }

    public string PathOf(Guid id) => Path.Combine(_folder, $"{id:N}.csv");
    private string RecordOf(Guid id) => Path.Combine(_folder, $"{id:N}.json");

    public async Task<PendingUpload> SaveAsync(IFormFile file, string uploadedBy, bool replace, CancellationToken ct)
    {
        RemoveExpired();
        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        if (name.Length > Limits.NameLength) name = name[..Limits.NameLength];
        var upload = new PendingUpload(Guid.NewGuid(), name.Length > 0 ? name : "upload.csv", uploadedBy, _clock.GetUtcNow(), replace, file.Length);
        try
        {
            await using (var target = new FileStream(PathOf(upload.Id), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                await file.CopyToAsync(target, ct);
            await File.WriteAllTextAsync(RecordOf(upload.Id), JsonSerializer.Serialize(upload), ct);
        }
        catch
        {
            Delete(upload.Id);
            throw;
        }
        return upload;
    }

    /// <summary>The upload, when it exists and belongs to this user.</summary>
    public async Task<PendingUpload?> FindAsync(Guid id, string user, CancellationToken ct)
    {
        if (!File.Exists(RecordOf(id)) || !File.Exists(PathOf(id))) return null;
        var upload = JsonSerializer.Deserialize<PendingUpload>(await File.ReadAllTextAsync(RecordOf(id), ct));
        return upload is not null && upload.UploadedBy == user ? upload : null;
    }

    public void Delete(Guid id)
    {
        File.Delete(PathOf(id));
        File.Delete(RecordOf(id));
    }

    private void RemoveExpired()
    {
        foreach (var record in Directory.EnumerateFiles(_folder, "*.json"))
        {
            if (_clock.GetUtcNow() - File.GetLastWriteTimeUtc(record) < KeptFor) continue;
            if (Guid.TryParseExact(Path.GetFileNameWithoutExtension(record), "N", out var id)) Delete(id);
        }
    }
}
