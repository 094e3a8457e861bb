using CxPlus.Scoring;
using Npgsql;

namespace CxPlus.Data.Importing;

/// <summary>A (wave, sector, brand) named in a file; names compare by the one name rule (<see cref="Names"/>).</summary>
internal readonly record struct BrandWaveKey(string Wave, string Sector, string Brand)
{
    public static readonly IEqualityComparer<BrandWaveKey> Comparer = new ByName();

    private sealed class ByName : IEqualityComparer<BrandWaveKey>
    {
        private static readonly IEqualityComparer<string> Same = Names.Comparer;
        public bool Equals(BrandWaveKey x, BrandWaveKey y) => Same.Equals(x.Wave, y.Wave) && Same.Equals(x.Sector, y.Sector) && Same.Equals(x.Brand, y.Brand);
        public int GetHashCode(BrandWaveKey k) => HashCode.Combine(Same.GetHashCode(k.Wave), Same.GetHashCode(k.Sector), Same.GetHashCode(k.Brand));
    }
}

/// <summary>Sectors, brands and waves an import created (their stored spelling).</summary>
internal sealed record CreatedEntities(IReadOnlyList<string> Sectors, IReadOnlyList<string> Brands, IReadOnlyList<string> Waves);

/// <summary>
/// The store's sectors, brands and waves, loaded once per import under the import lock. A name
/// in a file matches an existing one by <see cref="Names.Key"/> and takes its stored spelling. New ones
/// get their ids here, while rows stream into COPY, and are inserted before commit: only
/// imports create these entities, and imports are serialised, so the ids cannot collide.
/// </summary>
internal sealed class KnownEntities
{
    private static readonly IEqualityComparer<string> SameName = Names.Comparer;
    private readonly Dictionary<string, int> _sectors = new(SameName);
    private readonly Dictionary<(int SectorId, string Name), int> _brands = new(new BrandNameComparer());
    private readonly Dictionary<string, int> _waves = new(SameName);
    private readonly Dictionary<int, DateTimeOffset> _retained = [];
    private readonly List<(int Id, string Name)> _newSectors = [], _newWaves = [];
    private readonly List<(int Id, int SectorId, string Name, string Sector)> _newBrands = [];
    private int _lastSector, _lastBrand, _lastWave;
    private int _storedSector, _storedBrand, _storedWave;

    public static async Task<KnownEntities> LoadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var known = new KnownEntities();
        await using (var c = new NpgsqlCommand("SELECT id, name FROM sectors", connection))
        await using (var r = await c.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) known._sectors[r.GetString(1)] = r.GetInt32(0);
        await using (var c = new NpgsqlCommand("SELECT id, sector_id, name FROM brands", connection))
        await using (var r = await c.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) known._brands[(r.GetInt32(1), r.GetString(2))] = r.GetInt32(0);
        await using (var c = new NpgsqlCommand("SELECT id, code, retained_at FROM waves", connection))
        await using (var r = await c.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                known._waves[r.GetString(1)] = r.GetInt32(0);
                if (!r.IsDBNull(2)) known._retained[r.GetInt32(0)] = r.GetFieldValue<DateTimeOffset>(2);
            }
        known._lastSector = known._sectors.Values.DefaultIfEmpty().Max();
        known._lastBrand = known._brands.Values.DefaultIfEmpty().Max();
        known._lastWave = known._waves.Values.DefaultIfEmpty().Max();
        (known._storedSector, known._storedBrand, known._storedWave) = (known._lastSector, known._lastBrand, known._lastWave);
        return known;
    }

    /// <summary>The ids of a (wave, brand) when wave, sector and brand all exist already.</summary>
    public (int WaveId, int BrandId)? Find(BrandWaveKey key) =>
        _waves.TryGetValue(key.Wave, out var wave) && _sectors.TryGetValue(key.Sector, out var sector)
        && _brands.TryGetValue((sector, key.Brand), out var brand)
            ? (wave, brand)
            : null;

    /// <summary>When retention removed the respondent rows of a stored wave; null for a wave it has not (or a new one).</summary>
    public DateTimeOffset? RetainedAt(int waveId) => _retained.TryGetValue(waveId, out var at) ? at : null;

    /// <summary>When retention removed the respondent rows of a wave the file names; null for a wave it has not (or a new one).</summary>
    public DateTimeOffset? RetainedAt(string wave) => _waves.TryGetValue(wave, out var id) ? RetainedAt(id) : null;

    /// <summary>Whether the wave and the brand were both in the store before this import (new ids are above the stored ones).</summary>
    public bool ExistedBefore((int WaveId, int BrandId) pair) => pair.WaveId <= _storedWave && pair.BrandId <= _storedBrand;

    /// <summary>The ids of a (wave, brand), giving new sectors, brands and waves their ids (inserted by <see cref="InsertNewAsync"/>).</summary>
    public (int WaveId, int BrandId) Resolve(BrandWaveKey key)
    {
        if (!_waves.TryGetValue(key.Wave, out var wave))
        {
            _waves[key.Wave] = wave = ++_lastWave;
            _newWaves.Add((wave, key.Wave));
        }
        if (!_sectors.TryGetValue(key.Sector, out var sector))
        {
            _sectors[key.Sector] = sector = ++_lastSector;
            _newSectors.Add((sector, key.Sector));
        }
        if (!_brands.TryGetValue((sector, key.Brand), out var brand))
        {
            _brands[(sector, key.Brand)] = brand = ++_lastBrand;
            _newBrands.Add((brand, sector, key.Brand, _sectors.First(s => s.Value == sector).Key));
        }
        return (wave, brand);
    }

    /// <summary>Inserts the entities <see cref="Resolve"/> created, with their ids, and moves the id sequences past them.</summary>
    public async Task<CreatedEntities> InsertNewAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        void Add(string sql, params object[] values)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var v in values) command.Parameters.Add(new() { Value = v });
            batch.BatchCommands.Add(command);
        }
        foreach (var (id, name) in _newSectors) Add("INSERT INTO sectors (id, name, name_key) VALUES ($1, $2, $3)", id, name, Names.Key(name));
        foreach (var (id, code) in _newWaves) Add("INSERT INTO waves (id, code, code_key) VALUES ($1, $2, $3)", id, code, Names.Key(code));
        foreach (var (id, sectorId, name, _) in _newBrands) Add("INSERT INTO brands (id, sector_id, name, name_key) VALUES ($1, $2, $3, $4)", id, sectorId, name, Names.Key(name));
        foreach (var table in new[] { "sectors", "waves", "brands" })
            Add($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), greatest((SELECT max(id) FROM {table}), 1))");
        await batch.ExecuteNonQueryAsync(ct);
        return new CreatedEntities(
            [.. _newSectors.Select(s => s.Name)],
            [.. _newBrands.Select(b => $"{b.Name} ({b.Sector})")],
            [.. _newWaves.Select(w => w.Name)]);
    }

    /// <summary>The stored (or new) spellings of a (wave, brand) pair's wave, sector and brand.</summary>
    public (string Wave, string Sector, string Brand) Describe((int WaveId, int BrandId) pair)
    {
        var ((sectorId, brand), _) = _brands.First(b => b.Value == pair.BrandId);
        return (_waves.First(w => w.Value == pair.WaveId).Key, _sectors.First(x => x.Value == sectorId).Key, brand);
    }

    /// <summary>
    /// New sectors and brands whose names look like stored ones (<see cref="Names.LookAlike"/>:
    /// misspellings, other scripts' letters, fullwidth forms), new ones of the file that look like each
    /// other, and new waves that differ from a stored one by accents only: probably misspellings,
    /// said before the data manager commits, with the characters that differ when the eye cannot tell.
    /// </summary>
    public IReadOnlyList<Sentence> LookAlikes()
    {
        var found = new List<Sentence>();
        LookAlikesAmong(found, null, [.. _newSectors.Select(x => x.Name)], _sectors.Where(x => x.Value <= _storedSector).Select(x => x.Key));
        foreach (var sector in _newBrands.GroupBy(b => (b.SectorId, b.Sector)))
            LookAlikesAmong(found, sector.Key.Sector, [.. sector.Select(b => b.Name)],
                _brands.Where(b => b.Key.SectorId == sector.Key.SectorId && b.Value <= _storedBrand).Select(b => b.Key.Name));
        foreach (var (_, code) in _newWaves)
            foreach (var old in _waves.Where(w => w.Value <= _storedWave && Names.Skeleton(w.Key) == Names.Skeleton(code)))
                found.Add(new("Import.WaveLooksLike", code, old.Key));
        return found;
    }

    /// <summary>
    /// New names of one kind (the sectors, or one sector's brands) against the stored ones, then against
    /// each other: a pair of new names is said only when not both already look like a stored one.
    /// </summary>
    /// <param name="found">Where the warnings go.</param>
    /// <param name="sector">The brands' sector; null for the sectors.</param>
    /// <param name="added">The file's new names.</param>
    /// <param name="stored">The stored names.</param>
    private static void LookAlikesAmong(List<Sentence> found, string? sector, string[] added, IEnumerable<string> stored)
    {
        static object Because(string name, string other) =>
            Names.DifferingCharacters(name, other) is { Length: > 0 } chars ? new Sentence("Import.ItHas", chars) : "";
        var old = stored.Select(n => (Name: n, Skeleton: Names.Skeleton(n))).ToArray();
        var fresh = added.Select(n => (Name: n, Skeleton: Names.Skeleton(n))).ToArray();
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, skeleton) in fresh)
            foreach (var o in old.Where(x => !Names.Same(name, x.Name) && Names.SkeletonsAlike(skeleton, x.Skeleton)))
            {
                found.Add(new(sector is null ? "Import.SectorLooksLike" : "Import.BrandLooksLike", name, o.Name, Because(name, o.Name), sector));
                flagged.Add(name);
            }
        for (var i = 0; i < fresh.Length; i++)
            for (var j = i + 1; j < fresh.Length; j++)
                if (!(flagged.Contains(fresh[i].Name) && flagged.Contains(fresh[j].Name)) && Names.SkeletonsAlike(fresh[i].Skeleton, fresh[j].Skeleton))
                    found.Add(new(sector is null ? "Import.NewSectorsAlike" : "Import.NewBrandsAlike", fresh[i].Name, fresh[j].Name, Because(fresh[j].Name, fresh[i].Name), sector));
    }

    private sealed class BrandNameComparer : IEqualityComparer<(int SectorId, string Name)>
    {
        public bool Equals((int SectorId, string Name) x, (int SectorId, string Name) y) => x.SectorId == y.SectorId && SameName.Equals(x.Name, y.Name);
        public int GetHashCode((int SectorId, string Name) k) => HashCode.Combine(k.SectorId, SameName.GetHashCode(k.Name));
    }
}
