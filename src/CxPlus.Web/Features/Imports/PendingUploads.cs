using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CxPlus.Data;
using Npgsql;

namespace CxPlus.Web.Features.Imports;

/// <summary>A file uploaded for import, waiting for the data manager to read its check and commit.</summary>
public sealed record PendingUpload(Guid Id, string FileName, string UploadedBy, DateTimeOffset UploadedAt, bool Replace, long Bytes)
{
    /// <summary>When it is removed if nobody decides.</summary>
    public DateTimeOffset ExpiresAt => UploadedAt + PendingUploads.KeptFor;
}

/// <summary>
/// Uploaded files between "check" and "commit", on disk (never in memory): one file and one small
/// JSON record each. The folder is the app's own and private (0700, files 0600), by default under
/// the user's data folder and one per store (<c>~/.local/share/cxplus/uploads/&lt;store&gt;</c>),
/// never a shared temporary folder where other local users could read respondents' answers or
/// another instance could pick them up. Nothing here touches the store. A file leaves the folder
/// when it is imported or discarded, or a day after its upload (<see cref="Sweeper"/>).
/// </summary>
public sealed class PendingUploads
{
    /// <summary>The largest response file the browser may upload (the CLI has no limit).</summary>
    public const long MaxBytes = 200L * 1024 * 1024;
    public const string MaxBytesText = "200 MB";
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TimeProvider _clock;

    public PendingUploads(IConfiguration configuration, TimeProvider clock)
    {
        Folder = configuration["Uploads:Folder"] is { Length: > 0 } folder ? folder : DefaultFolder(configuration);
        _clock = clock;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Folder);
        else
        {
            Directory.CreateDirectory(Folder, Private);
            File.SetUnixFileMode(Folder, Private); // also when it existed with looser rights
        }
    }

    /// <summary>Where pending uploads are kept.</summary>
    public string Folder { get; }

    public string PathOf(Guid id) => Path.Combine(Folder, $"{id:N}.csv");
    private string RecordOf(Guid id) => Path.Combine(Folder, $"{id:N}.json");

    public async Task<PendingUpload> SaveAsync(IFormFile file, string uploadedBy, bool replace, CancellationToken ct)
    {
        RemoveExpired();
        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        if (name.Length > Limits.NameLength) name = name[..Limits.NameLength];
        var upload = new PendingUpload(Guid.NewGuid(), name.Length > 0 ? name : "upload.csv", uploadedBy, _clock.GetUtcNow(), replace, file.Length);
        try
        {
            await using (var target = new FileStream(PathOf(upload.Id), NewPrivateFile()))
                await file.CopyToAsync(target, ct);
            await using (var record = new FileStream(RecordOf(upload.Id), NewPrivateFile()))
                await JsonSerializer.SerializeAsync(record, upload, cancellationToken: ct);
        }
        catch
        {
            Delete(upload.Id);
            throw;
        }
        return upload;
    }

    private static FileStreamOptions NewPrivateFile()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16, Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = PrivateFile; // 0600: created so, never readable by others for a moment
        return options;
    }

    /// <summary>The upload, when it exists, has not expired and belongs to this user.</summary>
    public async Task<PendingUpload?> FindAsync(Guid id, string user, CancellationToken ct)
    {
        if (!File.Exists(PathOf(id))) return null;
        var upload = await ReadAsync(RecordOf(id), ct);
        return upload is not null && upload.UploadedBy == user && upload.ExpiresAt > _clock.GetUtcNow() ? upload : null;
    }

    /// <summary>The user's checks waiting for a decision, oldest first.</summary>
    public async Task<IReadOnlyList<PendingUpload>> ListAsync(string user, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var list = new List<PendingUpload>();
        foreach (var record in Directory.EnumerateFiles(Folder, "*.json"))
            if (await ReadAsync(record, ct) is { } upload && upload.UploadedBy == user && upload.ExpiresAt > now && File.Exists(PathOf(upload.Id)))
                list.Add(upload);
        return [.. list.OrderBy(u => u.UploadedAt)];
    }

    public void Delete(Guid id)
    {
        File.Delete(PathOf(id));
        File.Delete(RecordOf(id));
    }

    /// <summary>
    /// Removes every upload older than <see cref="KeptFor"/>, and, an hour after they were last
    /// written, files that a killed process left half-written: an upload without its record, and
    /// ASP.NET's buffer of a form being received (<see cref="ReceiveFormsHere"/>). Returns how many.
    /// </summary>
    public int RemoveExpired()
    {
        var removed = 0;
        var now = _clock.GetUtcNow();
        var ids = Directory.EnumerateFiles(Folder).Select(p => Guid.TryParseExact(Path.GetFileNameWithoutExtension(p), "N", out var id) ? id : (Guid?)null)
            .OfType<Guid>().Distinct().ToArray();
        foreach (var id in ids)
        {
            var record = RecordOf(id);
            var uploaded = File.Exists(record) ? ReadAsync(record, CancellationToken.None).GetAwaiter().GetResult()?.UploadedAt : null;
            var written = File.Exists(PathOf(id)) ? File.GetLastWriteTimeUtc(PathOf(id)) : File.GetLastWriteTimeUtc(record);
            var age = now - (uploaded ?? new DateTimeOffset(written, TimeSpan.Zero));
            if (age < (uploaded is null ? PartialKeptFor : KeptFor)) continue;
            Delete(id);
            removed++;
        }
        foreach (var buffer in Directory.EnumerateFiles(Folder, FormBufferPattern))
        {
            if (now - new DateTimeOffset(File.GetLastWriteTimeUtc(buffer), TimeSpan.Zero) < PartialKeptFor) continue;
            File.Delete(buffer);
            removed++;
        }
        return removed;
    }

    /// <summary>How long a half-written file may sit untouched before it counts as left by a killed process.</summary>
    public static readonly TimeSpan PartialKeptFor = TimeSpan.FromHours(1);

    /// <summary>The names ASP.NET gives the files in which it buffers a large form while receiving it.</summary>
    public const string FormBufferPattern = "ASPNETCORE_*.tmp";

    /// <summary>
    /// Has ASP.NET buffer large forms (an upload on its way in) in this private folder instead of the
    /// machine's shared temporary folder (<c>ASPNETCORE_TEMP</c>, read once per process): respondents'
    /// answers never sit where other local users could read them, and what a killed process leaves
    /// behind is swept with the rest. An operator's own <c>ASPNETCORE_TEMP</c> is left alone.
    /// </summary>
    public void ReceiveFormsHere()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_TEMP")))
            Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", Folder);
    }

    private static async Task<PendingUpload?> ReadAsync(string record, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(record);
            return await JsonSerializer.DeserializeAsync<PendingUpload>(stream, cancellationToken: ct);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null; // removed meanwhile, or half written: not a pending upload
        }
    }

    /// <summary>One folder per store: two instances of different stores on one machine never see each other's files.</summary>
    private static string DefaultFolder(IConfiguration configuration)
    {
        var store = new NpgsqlConnectionStringBuilder(SettingsConfiguration.ConnectionString(configuration));
        var identity = $"{store.Host}:{store.Port}/{store.Database}";
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(data.Length > 0 ? data : AppContext.BaseDirectory, "cxplus", "uploads", id);
    }

    /// <summary>Removes expired uploads every ten minutes, and once at start, so none outlives its day.</summary>
    public sealed class Sweeper(PendingUploads uploads, ILogger<Sweeper> log) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10));
            do
            {
                try
                {
                    if (uploads.RemoveExpired() is var n and > 0) log.LogInformation("Removed {Count} expired uploads", n);
                }
                catch (IOException e)
                {
                    log.LogWarning("Expired uploads not removed: {Error}", e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }
}
