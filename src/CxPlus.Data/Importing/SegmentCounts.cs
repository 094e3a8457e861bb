using CxPlus.Scoring;

namespace CxPlus.Data.Importing;

/// <summary>
/// The segments a file brings (methodology step 26), counted as its rows are copied: per brand of a
/// wave and role, how many rows fall in each category of each segment. What the check page and the
/// CLI list, and the warnings a data manager should read before importing: look-alike categories
/// ("18-34" and "18–34" are two categories to the tables) and segments that no prospect carries.
/// Counted by the categories' numbers (<see cref="ParsedRow.SegmentCodes"/>): one lookup a row, no string hashed.
/// </summary>
internal sealed class SegmentCounts(IReadOnlyList<string> segments, IReadOnlyList<IReadOnlyList<string>> categories)
{
    private readonly Dictionary<(int WaveId, int BrandId, Role Role), int[][]> _rows = [];
    private (int WaveId, int BrandId, Role Role) _lastKey = (-1, -1, Role.Customer);
    private int[][]? _last;

    public void Add((int WaveId, int BrandId) ids, Role role, int[] codes)
    {
        if (codes.Length == 0) return;
        var key = (ids.WaveId, ids.BrandId, role);
        if (_last is null || key != _lastKey)
        {
            if (!_rows.TryGetValue(key, out _last)) _rows[key] = _last = [.. segments.Select(_ => new int[ResponseFileReader.MaxCategories])];
            _lastKey = key;
        }
        for (var k = 0; k < codes.Length; k++)
            if (codes[k] >= 0) _last[k][codes[k]]++;
    }

    /// <summary>A segment's categories (their numbers) in name order.</summary>
    private int[] Order(int segment) =>
        [.. Enumerable.Range(0, categories[segment].Count).OrderBy(c => categories[segment][c], StringComparer.OrdinalIgnoreCase)];

    public IReadOnlyList<SegmentPreview> Preview(KnownEntities store) => [.. segments.Select((name, k) =>
    {
        var order = Order(k);
        var brands = _rows.Keys.Select(x => (x.WaveId, x.BrandId)).Distinct()
            .Where(pair => new[] { Role.Customer, Role.Prospect }.Any(role => _rows.TryGetValue((pair.WaveId, pair.BrandId, role), out var c) && c[k].Any(n => n > 0)))
            .Select(pair =>
            {
                var (wave, sector, brand) = store.Describe(pair);
                int[] Count(Role role) => _rows.TryGetValue((pair.WaveId, pair.BrandId, role), out var c) ? [.. order.Select(o => c[k][o])] : new int[order.Length];
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
            if (names.Count > 0 && !_rows.Any(x => x.Key.Role == Role.Prospect && x.Value[k].Any(n => n > 0)))
                yield return new("Import.SegmentCustomersOnly", segments[k]);
        }
    }
}
