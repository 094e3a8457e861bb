namespace CxPlus.Scoring.Tests;

/// <summary>
/// Finds ../shared/samples (beside the checkout) and reads the worked example with a deliberately
/// small reader: the file has no quoting. The real importer lives in CxPlus.Data.
/// </summary>
public static class Samples
{
    public static string Path(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "samples", fileName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"shared/samples/{fileName} was not found above {AppContext.BaseDirectory}; the tests expect the shared folder beside the checkout.");
    }

    public sealed record Row(string Wave, string Sector, string Brand, string RespondentId, Role Role, SurveyResponse Response);

    public static IReadOnlyList<Row> Read(string fileName)
    {
        var lines = File.ReadAllLines(Path(fileName));
        var header = lines[0].Split(',').Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);
        int? Int(string[] f, string column) => f[header[column]] is { Length: > 0 } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;
        return [.. lines.Skip(1).Select(line =>
        {
            var f = line.Split(',');
            Roles.TryParse(f[header["role"]], out var role).Should().BeTrue();
            var ratings = SuccessFactors.All.Select(k => Int(f, k.Key())).ToArray();
            var weight = f[header["weight"]] is { Length: > 0 } w ? double.Parse(w, System.Globalization.CultureInfo.InvariantCulture) : 1.0;
            return new Row(f[header["wave"]], f[header["sector"]], f[header["brand"]], f[header["respondent_id"]], role,
                new SurveyResponse(ratings, weight, Int(f, "nps"), Int(f, "csat"), Int(f, "ces")));
        })];
    }

    public static IReadOnlyList<BrandWave> BrandWaves(IEnumerable<Row> rows, ScoringSettings settings) =>
        [.. rows.GroupBy(r => r.Brand).Select(g => new BrandWave(
            g.Key,
            RoleStatistics.From(g.Where(r => r.Role == Role.Customer).Select(r => r.Response), settings),
            RoleStatistics.From(g.Where(r => r.Role == Role.Prospect).Select(r => r.Response), settings)))];
}
