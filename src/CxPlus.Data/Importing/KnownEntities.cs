using Npgsql;

namespace CxPlus.Data.Importing;

/// <summary>A (wave, sector, brand) named in a file; names compare case-insensitively.</summary>
internal readonly record struct BrandWaveKey(string Wave, string Sector, string Brand)
{
    public static readonly IEqualityComparer<BrandWaveKey> Comparer = new IgnoreCase();

    private sealed class IgnoreCase : IEqualityComparer<BrandWaveKey>
    {
        private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;
        public bool Equals(BrandWaveKey x, BrandWaveKey y) => Names.Equals(x.Wave, y.Wave) && Names.Equals(x.Sector, y.Sector) && Names.Equals(x.Brand, y.Brand);
        public int GetHashCode(BrandWaveKey k) => HashCode.Combine(Names.GetHashCode(k.Wave), Names.GetHashCode(k.Sector), Names.GetHashCode(k.Brand));
    }
}

/// <summary>Sectors, brands and waves an import created (their stored spelling).</summary>
internal sealed record CreatedEntities(IReadOnlyList<string> Sectors, IReadOnlyList<string> Brands, IReadOnlyList<string> Waves);

/// <summary>
/// The store's sectors, brands and waves, loaded once per import under the import lock. A name
/// in a file matches an existing one case-insensitively and takes its stored spelling.
/// </summary>
internal sealed class KnownEntities
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;
    private readonly Dictionary<string, int> _sectors = new(Names);
    private readonly Dictionary<(int SectorId, string Name), int> _brands = new(new BrandNameComparer());
    private readonly Dictionary<string, int> _waves = new(Names);

    public static async Task<KnownEntities> LoadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var known = new KnownEntities();
        await using (var c = new NpgsqlCommand("SELECT id, name FROM sectors", connection))
        await using (var r = await c.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) known._sectors[r.GetString(1)] = r.GetInt32(0);
        await using (var c = new NpgsqlCommand("SELECT id, sector_id, name FROM brands", connection))
        await using (var r = await c.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) known._brands[(r.GetInt32(1), r.GetString(2))] = r.GetInt32(0);
        await using (var c = new NpgsqlCommand("SELECT id, code FROM waves", connection))
        await using (var r = await c.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) known._waves[r.GetString(1)] = r.GetInt32(0);
        return known;
    }

    /// <summary>The ids of a (wave, brand) when wave, sector and brand all exist.</summary>
    public (int WaveId, int BrandId)? Find(BrandWaveKey key) =>
        _waves.TryGetValue(key.Wave, out var wave) && _sectors.TryGetValue(key.Sector, out var sector)
        && _brands.TryGetValue((sector, key.Brand), out var brand)
            ? (wave, brand)
            : null;

    public async Task<CreatedEntities> CreateMissingAsync(NpgsqlConnection connection, IEnumerable<BrandWaveKey> keys, CancellationToken ct)
    {
        List<string> sectors = [], brands = [], waves = [];
        foreach (var key in keys)
        {
            if (!_waves.ContainsKey(key.Wave))
            {
                _waves[key.Wave] = await InsertAsync(connection, "INSERT INTO waves (code) VALUES ($1) RETURNING id", ct, key.Wave);
                waves.Add(key.Wave);
            }
            if (!_sectors.TryGetValue(key.Sector, out var sectorId))
            {
                _sectors[key.Sector] = sectorId = await InsertAsync(connection, "INSERT INTO sectors (name) VALUES ($1) RETURNING id", ct, key.Sector);
                sectors.Add(key.Sector);
            }
            if (!_brands.ContainsKey((sectorId, key.Brand)))
            {
                _brands[(sectorId, key.Brand)] = await InsertAsync(connection, "INSERT INTO brands (sector_id, name) VALUES ($1, $2) RETURNING id", ct, sectorId, key.Brand);
                brands.Add($"{key.Brand} ({key.Sector})");
            }
        }
        return new CreatedEntities(sectors, brands, waves);
    }

    private static async Task<int> InsertAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.Add(new() { Value = v });
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    private sealed class BrandNameComparer : IEqualityComparer<(int SectorId, string Name)>
    {
        public bool Equals((int SectorId, string Name) x, (int SectorId, string Name) y) => x.SectorId == y.SectorId && Names.Equals(x.Name, y.Name);
        public int GetHashCode((int SectorId, string Name) k) => HashCode.Combine(k.SectorId, Names.GetHashCode(k.Name));
    }
}
