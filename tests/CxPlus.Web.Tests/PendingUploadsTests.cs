using System.Text;
using CxPlus.Web.Features.Imports;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace CxPlus.Web.Tests;

/// <summary>Issue #15 break 7: uploads sat in a shared /tmp/cxplus-uploads, readable by every local user, mixing instances.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PendingUploadsTests : IDisposable
{
    private readonly List<string> _folders = [];

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private PendingUploads Uploads(Clock clock, string database = "store_a", string? folder = null)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:CxPlus"] = $"Host=127.0.0.1;Port=5432;Database={database}" };
        if (folder is not null) settings["Uploads:Folder"] = folder;
        var uploads = new PendingUploads(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), clock);
        _folders.Add(uploads.Folder);
        return uploads;
    }

    private static FormFile File(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new FormFile(new MemoryStream(bytes), 0, bytes.Length, "file", "wave.csv");
    }

    [Fact]
    public void By_default_uploads_live_in_a_private_folder_of_the_apps_own_per_store()
    {
        var a = Uploads(new Clock());
        var b = Uploads(new Clock(), "store_b");

        a.Folder.Should().NotStartWith(Path.GetTempPath()).And.Contain(Path.Combine("cxplus", "uploads"));
        a.Folder.Should().NotBe(b.Folder, "two stores never share their pending files");
        System.IO.File.GetUnixFileMode(a.Folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public async Task A_saved_upload_is_readable_by_the_app_alone()
    {
        var uploads = Uploads(new Clock(), folder: Path.Combine(Path.GetTempPath(), "cxplus-private-" + Guid.NewGuid().ToString("N")));

        var upload = await uploads.SaveAsync(File("wave,sector"), "dana@example.com", replace: false, default);

        System.IO.File.GetUnixFileMode(uploads.PathOf(upload.Id)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        System.IO.File.GetUnixFileMode(uploads.Folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        (await uploads.FindAsync(upload.Id, "someone-else@example.com", default)).Should().BeNull("an upload belongs to its uploader");
    }

    [Fact]
    public async Task An_upload_nobody_decides_on_is_listed_with_its_expiry_and_removed_after_a_day()
    {
        var clock = new Clock();
        var uploads = Uploads(clock, folder: Path.Combine(Path.GetTempPath(), "cxplus-expiry-" + Guid.NewGuid().ToString("N")));
        var upload = await uploads.SaveAsync(File("wave,sector"), "dana@example.com", replace: true, default);

        var pending = await uploads.ListAsync("dana@example.com", default);
        pending.Should().ContainSingle().Which.ExpiresAt.Should().Be(clock.Now.AddDays(1));
        clock.Now = clock.Now.AddHours(23);
        uploads.RemoveExpired().Should().Be(0);
        clock.Now = clock.Now.AddHours(2);

        (await uploads.FindAsync(upload.Id, "dana@example.com", default)).Should().BeNull("it has expired");
        uploads.RemoveExpired().Should().Be(1);
        Directory.EnumerateFiles(uploads.Folder).Should().BeEmpty();
        (await uploads.ListAsync("dana@example.com", default)).Should().BeEmpty();
    }

    [Fact]
    public void Files_a_killed_process_left_half_written_are_swept_an_hour_after_their_last_write()
    {
        // The review killed the app mid-upload: ASP.NET's buffer of the form stayed in /tmp, and a file
        // without its record waited a whole day.
        var clock = new Clock { Now = DateTimeOffset.UtcNow };
        var uploads = Uploads(clock, folder: Path.Combine(Path.GetTempPath(), "cxplus-partial-" + Guid.NewGuid().ToString("N")));
        string Left(string name, TimeSpan ago)
        {
            var path = Path.Combine(uploads.Folder, name);
            System.IO.File.WriteAllText(path, "wave,sector,brand");
            System.IO.File.SetLastWriteTimeUtc(path, clock.Now.UtcDateTime - ago);
            return path;
        }
        var oldUpload = Left($"{Guid.NewGuid():N}.csv", TimeSpan.FromMinutes(61));
        var oldBuffer = Left($"ASPNETCORE_{Guid.NewGuid()}.tmp", TimeSpan.FromMinutes(61));
        var uploading = Left($"{Guid.NewGuid():N}.csv", TimeSpan.FromMinutes(5));
        var receiving = Left($"ASPNETCORE_{Guid.NewGuid()}.tmp", TimeSpan.FromSeconds(1));

        uploads.RemoveExpired().Should().Be(2);

        System.IO.File.Exists(oldUpload).Should().BeFalse();
        System.IO.File.Exists(oldBuffer).Should().BeFalse();
        System.IO.File.Exists(uploading).Should().BeTrue("an upload still being written stays");
        System.IO.File.Exists(receiving).Should().BeTrue("a form still being received stays");
    }

    [Fact]
    public void The_app_buffers_forms_on_their_way_in_inside_its_private_uploads_folder()
    {
        using var factory = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:CxPlus", "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x");
            b.UseSetting("Uploads:Folder", TestApp.UploadsFolder);
        });
        _ = factory.Services; // starts the app

        Environment.GetEnvironmentVariable("ASPNETCORE_TEMP").Should().Be(TestApp.UploadsFolder, "not the machine's shared /tmp");
    }

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
    }
}
