using CxPlus.Scoring;

namespace CxPlus.Data.Importing;

/// <summary>
/// The segments a file brings (methodology step 26), summed as its rows are copied: per brand of a
/// wave and role, the sufficient statistics of each category of each segment (the segment rollups
/// the import adds), and from them how many rows fall in each. What the check page and the CLI list,
/// and the warnings a data manager should read before importing: look-alike categories ("18-34" and
/// "18–34" are two categories to the tables) and segments that no prospect carries. Found by the
/// categories' numbers (<see cref="ParsedRow.SegmentCodes"/>): one lookup a row, no string hashed.
/// </summary>
internal sealed class FileSegments(IReadOnlyList<string> segments, IReadOnlyList<IReadOnlyList<string>> categories, ScoringSettings settings)
{
    private readonly Dictionary<(int WaveId, int BrandId, Role Role), RoleStatisticsBuilder?[][]> _rows = [];
    private (int WaveId, int BrandId, Role Role) _lastKey = (-1, -1, Role.Customer);
    private RoleStatisticsBuilder?[][]? _last;

    public void Add((int WaveId, int BrandId) ids, ParsedRow row)
    {
        var codes = row.SegmentCodes;
        if (codes.Length == 0) return;
        var key = (ids.WaveId, ids.BrandId, row.Role);
        if (_last is null || key != _lastKey)
        {
            if (!_rows.TryGetValue(key, out _last)) _rows[key] = _last = [.. segments.Select(_ => new RoleStatisticsBuilder?[ResponseFileReader.MaxCategories])];
            _lastKey = key;
        }
        for (var k = 0; k < codes.Length; k++)
        {
            if (codes[k] < 0) continue;
            var builder = _last[k][codes[k]] ??= new RoleStatisticsBuilder(settings);
            builder.Add(row.Ratings, row.Weight, row.Nps, row.Csat, row.Ces);
            builder.AddLenses(row.Pillars, row.Kei, row.Weight, row.Nps);
        }
    }

    /// <summary>What the file adds to the segment rollups.</summary>
    public Dictionary<SegmentRollupKey, RoleStatistics> Statistics() =>
        _rows.SelectMany(x => x.Value.SelectMany((byCategory, k) => byCategory
                .Select((builder, c) => (builder, c)).Where(b => b.builder is not null)
                .Select(b => KeyValuePair.Create(new SegmentRollupKey(x.Key.WaveId, x.Key.BrandId, x.Key.Role, segments[k], categories[k][b.c]), b.builder!.Build()))))
            .ToDictionary();

    private int Rows((int, int, Role) key, int segment, int category) =>
        _rows.TryGetValue(key, out var c) && c[segment][category] is { } b && b.Build() is var s ? (int)(s.Qualifying + s.Incomplete) : 0;

    /// <summary>A segment's categories (their numbers) in name order.</summary>
    private int[] Order(int segment) =>
        [.. Enumerable.Range(0, categories[segment].Count).OrderBy(c => categories[segment][c], StringComparer.OrdinalIgnoreCase)];

    public IReadOnlyList<SegmentPreview> Preview(KnownEntities store) => [.. segments.Select((name, k) =>
    {
        var order = Order(k);
        var brands = _rows.Keys.Select(x => (x.WaveId, x.BrandId)).Distinct()
            .Where(pair => new[] { Role.Customer, Role.Prospect }.Any(role => _rows.TryGetValue((pair.WaveId, pair.BrandId, role), out var c) && c[k].Any(n => n is not null)))
            .Select(pair =>
            {
                var (wave, sector, brand) = store.Describe(pair);
                int[] Count(Role role) => [.. order.Select(o => Rows((pair.WaveId, pair.BrandId, role), k, o))];
                return new SegmentBrand(wave, sector, brand, Count(Role.Customer), Count(Role.Prospect));
            });
        return new SegmentPreview(name, [.. order.Select(o => categories[k][o])], [.. brands.OrderBy(b => b.Wave, StringComparer.Ordinal)
            .ThenBy(b => b.Sector, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Brand, StringComparer.OrdinalIgnoreCase)]);
    })];

    public IEnumerable<Sentence> Warnings()
    {
        for (var k = 0; k < segments.Count; k++)
        {
            var names = Order(k).Select(o => categories[k][o]).ToList();
            for (var i = 0; i < names.Count; i++)
                for (var j = i + 1; j < names.Count; j++)
                    if (Names.LookAlike(names[i], names[j]))
                        yield return new("Import.CategoriesLookAlike", segments[k], names[i], names[j],
                            Names.DifferingCharacters(names[i], names[j]) is { Length: > 0 } chars ? new Sentence("Import.ItHas", chars) : "");
            // Step 26: a question asked of customers only (tenure, contact reason) is scored against all prospects.
            if (names.Count > 0 && !_rows.Any(x => x.Key.Role == Role.Prospect && x.Value[k].Any(n => n is not null)))
                yield return new("Import.SegmentCustomersOnly", segments[k]);
        }
    }
}
