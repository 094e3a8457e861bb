using CxPlus.Scoring;
using Npgsql;

namespace CxPlus.Data.League;

/// <summary>The current names of a sector and of brands asked for by names that have since changed.</summary>
public sealed record CurrentNames(string Sector, IReadOnlyList<string> Brands);

public sealed partial class LeagueQueries
{
    /// <summary>
    /// Where an old link now leads: the current names of <paramref name="sector"/> and
    /// <paramref name="brands"/> when any of them is a former name (renamed, or merged into
    /// another); null when none is (the names are current or unknown). A current name always wins,
    /// and an unknown brand is kept as asked. Asked only after a lookup failed, so never cached.
    /// </summary>
    public async Task<CurrentNames?> CurrentNamesAsync(string sector, IReadOnlyList<string> brands, CancellationToken ct = default)
    {
        if (Names.Problem(sector) is not null) return null;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var sectorCommand = new NpgsqlCommand("""
            SELECT id, name, false FROM sectors WHERE name_key = $1
            UNION ALL
            SELECT s.id, s.name, true FROM sector_former_names f JOIN sectors s ON s.id = f.sector_id WHERE f.name_key = $1
            ORDER BY 3 LIMIT 1
            """, connection);
        sectorCommand.Parameters.Add(new() { Value = Names.Key(sector) });
        var found = await ReadNameAsync(sectorCommand, ct);
        if (found is not var (sectorId, sectorName, changed)) return null;

        var current = new List<string>(brands.Count);
        foreach (var brand in brands)
        {
            if (Names.Problem(brand) is not null) { current.Add(brand); continue; }
            await using var brandCommand = new NpgsqlCommand("""
                SELECT id, name, false FROM brands WHERE sector_id = $1 AND name_key = $2
                UNION ALL
                SELECT b.id, b.name, true FROM brand_former_names f JOIN brands b ON b.id = f.brand_id WHERE f.sector_id = $1 AND f.name_key = $2
                ORDER BY 3 LIMIT 1
                """, connection);
            brandCommand.Parameters.Add(new() { Value = sectorId });
            brandCommand.Parameters.Add(new() { Value = Names.Key(brand) });
            if (await ReadNameAsync(brandCommand, ct) is var (_, name, former))
            {
                current.Add(name);
                changed |= former;
            }
            else current.Add(brand);
        }
        return changed ? new CurrentNames(sectorName, current) : null;
    }

    private static async Task<(int Id, string Name, bool Former)?> ReadNameAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetInt32(0), r.GetString(1), r.GetBoolean(2)) : null;
    }
}
