using CxPlus.Scoring;

namespace CxPlus.Data.Importing;

/// <summary>
/// The segments a file brings (methodology step 26), counted as its rows are copied: per segment,
/// brand of a wave, role and category, how many rows. What the check page and the CLI list, and the
/// warnings a data manager should read before importing: look-alike categories ("18-34" and
/// "18–34" are two categories to the tables) and segments that no prospect carries.
/// </summary>
internal sealed class SegmentCounts(IReadOnlyList<string> segments)
{
    private readonly Dictionary<(int Segment, int WaveId, int BrandId, Role Role, string Category), int> _rows = [];

    public void Add((int WaveId, int BrandId) ids, Role role, string?[] categories)
    {
        for (var k = 0; k < categories.Length; k++)
            if (categories[k] is { } category)
                _rows[(k, ids.WaveId, ids.BrandId, role, category)] = _rows.GetValueOrDefault((k, ids.WaveId, ids.BrandId, role, category)) + 1;
    }

    /// <summary>A segment's categories, in name order (the reader kept one spelling of each, so they are distinct by the name rule).</summary>
    private List<string> Categories(int segment) =>
        [.. _rows.Keys.Where(k => k.Segment == segment).Select(k => k.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase)];

    public IReadOnlyList<SegmentPreview> Preview(KnownEntities store) => [.. segments.Select((name, k) =>
    {
        var categories = Categories(k);
        var brands = _rows.Keys.Where(x => x.Segment == k).Select(x => (x.WaveId, x.BrandId)).Distinct().Select(pair =>
        {
            var (wave, sector, brand) = store.Describe(pair);
            int[] Count(Role role) => [.. categories.Select(c => _rows.GetValueOrDefault((k, pair.WaveId, pair.BrandId, role, c)))];
            return new SegmentBrand(wave, sector, brand, Count(Role.Customer), Count(Role.Prospect));
        });
        return new SegmentPreview(name, categories, [.. brands.OrderBy(b => b.Wave, StringComparer.Ordinal)
            .ThenBy(b => b.Sector, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Brand, StringComparer.OrdinalIgnoreCase)]);
    })];

    public IEnumerable<Sentence> Warnings()
    {
        for (var k = 0; k < segments.Count; k++)
        {
            var categories = Categories(k);
            for (var i = 0; i < categories.Count; i++)
                for (var j = i + 1; j < categories.Count; j++)
                    if (Names.LookAlike(categories[i], categories[j]))
                        yield return new("Import.CategoriesLookAlike", segments[k], categories[i], categories[j],
                            Names.DifferingCharacters(categories[i], categories[j]) is { Length: > 0 } chars ? new Sentence("Import.ItHas", chars) : "");
            // Step 26: a question asked of customers only (tenure, contact reason) is scored against all prospects.
            if (categories.Count > 0 && !_rows.Keys.Any(x => x.Segment == k && x.Role == Role.Prospect))
                yield return new("Import.SegmentCustomersOnly", segments[k]);
        }
    }
}
