using MathNet.Numerics.Distributions;

namespace CxPlus.Scoring.Comments;

/// <summary>One customer's comment as steps 29-30 read it.</summary>
/// <param name="Brand">Its brand.</param>
/// <param name="Weight">Its survey weight.</param>
/// <param name="Nps">Its recommendation answer (0-10); null when not answered.</param>
/// <param name="Qualifying">Whether it rated at least three factors (step 2): only qualifying customers count.</param>
/// <param name="Comment">The comment as stored (redacted).</param>
/// <param name="Language">nl or en.</param>
public sealed record Commenter(string Brand, double Weight, int? Nps, bool Qualifying, string Comment, string Language);

/// <summary>A theme's share among a brand's commenters (step 29), against the rest of the sector, and its impact on NPS (step 30).</summary>
/// <param name="Theme">The theme.</param>
/// <param name="Share">The weighted share (%) of the brand's commenters who mention it, with its Wilson interval; null below 30 commenters.</param>
/// <param name="Mentions">How many of its commenters mention it.</param>
/// <param name="VersusRest">The share minus that of the other brands' commenters pooled, with its normal interval; null when either is not shown.</param>
/// <param name="PValue">The difference's two-sided p-value.</param>
/// <param name="QValue">Its Benjamini–Hochberg q over the frame's themes for the brand.</param>
/// <param name="Significant">q ≤ alpha; null when not tested.</param>
/// <param name="NpsImpact">NPS of its commenters who mention the theme minus that of those who do not, with its normal interval; null unless both groups hold 30 customers with an NPS answer.</param>
/// <param name="Quotes">Up to three short comments that mention it, the newest of each tone (detractor, passive, promoter, then without NPS), none twice.</param>
public sealed record ThemeShare(Theme Theme, Estimate? Share, long Mentions, Estimate? VersusRest, double? PValue, double? QValue, bool? Significant, Estimate? NpsImpact,
    IReadOnlyList<Commenter>? Quotes = null);

/// <summary>A brand's themes: how many qualifying customers commented, and each theme's share.</summary>
public sealed record BrandThemes(string Brand, long Commenters, IReadOnlyList<ThemeShare> Themes)
{
    /// <summary>The themes whose difference from the rest of the sector is significant, the largest first.</summary>
    public IReadOnlyList<ThemeShare> Significant => [.. Themes.Where(t => t.Significant == true).OrderByDescending(t => Math.Abs(t.VersusRest!.Value))];
}

/// <summary>Steps 29-30 over a sector's wave: each brand's theme shares, against the rest of the sector, and their impact on NPS.</summary>
public static class ThemeShares
{
    /// <summary>Shares are shown from this many commenters; an impact from this many customers on each side.</summary>
    public const int MinBase = 30;

    /// <summary>Quotes shown per theme, and the longest comment quoted (a quote is read at a glance).</summary>
    public const int MaxQuotes = 3, MaxQuoteLength = 240;

    /// <summary>
    /// Every brand's theme shares (brands in name order), from its qualifying customers' non-empty
    /// comments, given newest first: each theme's quotes are the first ones met of each tone.
    /// </summary>
    public static IReadOnlyList<BrandThemes> Compute(IEnumerable<Commenter> commenters, CodingFrame frame, ScoringSettings settings)
    {
        var themes = frame.Themes.Count;
        var level = settings.ConfidenceLevel;
        // Per brand, per theme: the commenters' shares (high = mentions it), and the NPS answers of those who mention it and of those who do not.
        var brands = new Dictionary<string, Sums>(Names.Comparer);
        foreach (var c in commenters)
        {
            if (!c.Qualifying || string.IsNullOrWhiteSpace(c.Comment)) continue;
            if (!brands.TryGetValue(c.Brand, out var b)) brands[c.Brand] = b = new Sums(themes);
            var mentions = frame.Mentions(c.Comment, c.Language);
            b.Commenters++;
            var tone = c.Nps switch { >= 9 => 2, >= 7 => 1, not null => 0, null => 3 }; // detractor, passive, promoter, none
            for (var t = 0; t < themes; t++)
            {
                b.Shares[t] = b.Shares[t].Add(mentions[t], false, c.Weight);
                if (mentions[t]) b.Mentions[t]++;
                if (mentions[t] && c.Comment.Length <= MaxQuoteLength) b.Quotes[t, tone] ??= c;
                if (c.Nps is { } nps)
                {
                    if (mentions[t]) b.NpsIn[t] = b.NpsIn[t].Add(nps >= 9, nps <= 6, c.Weight);
                    else b.NpsOut[t] = b.NpsOut[t].Add(nps >= 9, nps <= 6, c.Weight);
                }
            }
        }
        var total = new ShareSums[themes];
        foreach (var b in brands.Values)
            for (var t = 0; t < themes; t++) total[t] += b.Shares[t];

        var alpha = 1 - level;
        var z = Normal.InvCDF(0, 1, 1 - alpha / 2);
        return [.. brands.OrderBy(b => b.Key, StringComparer.OrdinalIgnoreCase).Select(b =>
        {
            var rows = Enumerable.Range(0, themes).Select(t =>
            {
                var own = b.Value.Shares[t];
                var rest = total[t] - own;
                var share = own.N >= MinBase ? own.Share(level) : null;
                Estimate? versus = null;
                double? p = null;
                if (share is not null && rest.N >= MinBase && own.SumW > 0 && rest.SumW > 0)
                {
                    // Step 29: q_j − q_rest, SE = sqrt(q_j(1−q_j)/n_eff,j + q_rest(1−q_rest)/n_eff,rest), normal interval and p-value.
                    double q = own.SumWHigh / own.SumW, qr = rest.SumWHigh / rest.SumW;
                    var se = Math.Sqrt(q * (1 - q) / Effective(own) + qr * (1 - qr) / Effective(rest));
                    var d = 100 * (q - qr);
                    versus = Normal100(d, 100 * se, z);
                    p = se > 0 ? 2 * Normal.CDF(0, 1, -Math.Abs(q - qr) / se) : (q == qr ? 1 : 0);
                }
                return (Theme: frame.Themes[t], Share: share, Mentions: b.Value.Mentions[t], Versus: versus, P: p, Impact: Impact(b.Value.NpsIn[t], b.Value.NpsOut[t], level, z));
            }).ToList();
            var q = FalseDiscoveryRate.Adjust([.. rows.Select(r => r.P)]);
            return new BrandThemes(b.Key, b.Value.Commenters, [.. rows.Select((r, i) =>
                new ThemeShare(r.Theme, r.Share, r.Mentions, r.Versus, r.P, q[i], q[i] is { } x ? x <= alpha : null, r.Impact,
                    [.. Enumerable.Range(0, 4).Select(tone => b.Value.Quotes[i, tone]).OfType<Commenter>().DistinctBy(c => c.Comment).Take(MaxQuotes)]))]);
        })];
    }

    /// <summary>A brand's sums per theme: its commenters' shares (high = mentions it), the NPS answers of those who mention it and of those who do not.</summary>
    private sealed class Sums(int themes)
    {
        public readonly ShareSums[] Shares = new ShareSums[themes], NpsIn = new ShareSums[themes], NpsOut = new ShareSums[themes];
        public readonly long[] Mentions = new long[themes];
        public readonly Commenter?[,] Quotes = new Commenter?[themes, 4];
        public long Commenters;
    }

    private static double Effective(ShareSums s) => s.SumW * s.SumW / s.SumW2;

    /// <summary>Step 30: NPS of the commenters who mention a theme minus that of those who do not, SE = sqrt(SE₁² + SE₂²), normal interval.</summary>
    private static Estimate? Impact(ShareSums mention, ShareSums others, double level, double z)
    {
        if (mention.N < MinBase || others.N < MinBase) return null;
        if (mention.NetPromoterScore(level) is not { StandardError: { } se1 } a || others.NetPromoterScore(level) is not { StandardError: { } se2 } b) return null;
        return Normal100(a.Value - b.Value, Math.Sqrt(se1 * se1 + se2 * se2), z);
    }

    // A difference with a normal interval; its df (a million) makes the estimate's own p-value the normal one.
    private static Estimate Normal100(double value, double se, double z) => Estimate.WithInterval(value, se, 1e6, value - z * se, value + z * se);
}
