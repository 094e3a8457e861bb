using System.Text;

namespace CxPlus.Data.Tests;

/// <summary>Temporary response files for tests, deleted with the test class.</summary>
public sealed class Files : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cxplus-tests-").FullName;

    public const string Header = "wave,sector,brand,respondent_id,role,clear_brand_promise,empowered_employees,empowered_customers,lasting_memories,exceptional_delivery,weight,nps,csat,ces";

    public string Write(string content, string name = "responses.csv")
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + "-" + name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(byte[] content)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + ".csv");
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Lines(params string[] rows) => Write(Header + "\n" + string.Join("\n", rows) + "\n");

    /// <summary>A file of rows under another header (e.g. the demo's, with the lens columns).</summary>
    public string Lines(string header, IEnumerable<string> rows) => Write(header + "\n" + string.Join("\n", rows) + "\n");

    public string Path_(string name) => Path.Combine(_dir, name);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
