using Npgsql;

namespace CxPlus.Data;

internal static class WaveBrandPairs
{
    /// <summary>
    /// Adds (wave, brand) pairs as the next two parameters, int[] of wave ids and int[] of brand
    /// ids, for SQL that joins them as <c>unnest($n::int[], $n+1::int[]) AS p(wave_id, brand_id)</c>.
    /// </summary>
    public static void AddPairs(this NpgsqlParameterCollection parameters, IReadOnlyCollection<(int WaveId, int BrandId)> pairs)
    {
        parameters.Add(new() { Value = pairs.Select(p => p.WaveId).ToArray() });
        parameters.Add(new() { Value = pairs.Select(p => p.BrandId).ToArray() });
    }
}
