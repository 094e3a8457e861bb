using System.Diagnostics;

namespace CxPlus.Scoring.Tests;

/// <summary>Where the checkout is, the artifacts folder reviewers look in, and the machine's tools run as processes.</summary>
public static class Checkout
{
    /// <summary>The folder that holds CxPlus.sln, above the test's binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>artifacts/<paramref name="folder"/> of the checkout, created: files kept for a reader of the run.</summary>
    public static string Artifacts(string folder) => Directory.CreateDirectory(Path.Combine(Root, "artifacts", folder)).FullName;

    /// <summary>Runs a program to its end: its exit code and what it wrote to each stream.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CxPlus.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"CxPlus.sln was not found above {AppContext.BaseDirectory}.");
    }
}
