namespace CxPlus.Data.Importing;

/// <summary>
/// The one-pass path's proof that no respondent appears twice in a (wave, brand) of a file that is
/// not grouped by wave and brand (fieldwork's usual delivery): a 64-bit hash of every row's
/// (wave, brand, respondent), sorted and compared at the end. Eight bytes a row, up to
/// <see cref="DefaultCapacity"/> rows (32 MB): memory is bounded, whatever the file. Two equal
/// hashes are a repeat or, rarely, two keys that hash alike; either way the importer then asks the
/// store, which knows exactly. Beyond the capacity it cannot tell, and the store checks.
/// </summary>
internal sealed class RespondentHashes(int capacity = RespondentHashes.DefaultCapacity)
{
    public const int DefaultCapacity = 4_000_000;

    private long[] _hashes = new long[Math.Min(capacity, 1 << 16)];
    private int _count;

    /// <summary>False once the file has more rows than the capacity (the store must check).</summary>
    public bool Holds { get; private set; } = true;

    public void Add((int WaveId, int BrandId) group, string respondentId)
    {
        if (!Holds) return;
        if (_count == capacity)
        {
            (Holds, _hashes) = (false, []);
            return;
        }
        if (_count == _hashes.Length) Array.Resize(ref _hashes, (int)Math.Min(capacity, 2L * _hashes.Length));
        _hashes[_count++] = Hash(group, respondentId);
    }

    /// <summary>Whether two rows may share a (wave, brand, respondent): true on a repeat (or a hash collision).</summary>
    public bool MayRepeat()
    {
        if (!Holds) return true;
        var hashes = _hashes.AsSpan(0, _count);
        hashes.Sort();
        for (var i = 1; i < hashes.Length; i++)
            if (hashes[i] == hashes[i - 1]) return true;
        return false;
    }

    /// <summary>FNV-1a, 64 bits, over the two ids and the respondent id's UTF-16 code units (ids compare byte for byte).</summary>
    private static long Hash((int WaveId, int BrandId) group, string respondentId)
    {
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037;
        hash = (hash ^ (uint)group.WaveId) * prime;
        hash = (hash ^ (uint)group.BrandId) * prime;
        foreach (var c in respondentId) hash = (hash ^ c) * prime;
        return (long)hash;
    }
}
