using CxPlus.Scoring.Drivers;

namespace CxPlus.Scoring.Lenses;

/// <summary>The other published ways to score customer experience that a file may carry (steps 24–25).</summary>
public enum Lens
{
    /// <summary>CX+ itself: the five success factors and the gap.</summary>
    Cx,
    /// <summary>Six Pillars, after KPMG Nunwood's Customer Experience Excellence (step 24).</summary>
    Cee,
    /// <summary>KEI, the klantervaringsindex after Forrester's CX Index (step 25).</summary>
    Kei,
}

/// <summary>Names, keys and items of the lenses.</summary>
public static class Lenses
{
    /// <summary>Step 24: the six pillars in their order.</summary>
    public static IReadOnlyList<Predictor> Pillars { get; } =
    [
        new("personalisation", "Personalisation"), new("integrity", "Integrity"), new("expectations", "Expectations"),
        new("resolution", "Resolution"), new("time_and_effort", "Time and Effort"), new("empathy", "Empathy"),
    ];

    /// <summary>Step 25: the three KEI items, answered on 1..5.</summary>
    public static IReadOnlyList<Predictor> KeiItems { get; } =
        [new("effectiveness", "Effectiveness"), new("ease", "Ease"), new("emotion", "Emotion")];

    /// <summary>A customer qualifies for the Six Pillars with at least this many pillars rated.</summary>
    public const int MinPillarsRated = 4;

    /// <summary>Lowest KEI answer.</summary>
    public const int KeiMin = 1;

    /// <summary>Highest KEI answer.</summary>
    public const int KeiMax = 5;

    /// <summary>The lens's key in links, the CLI and the API: <c>cx</c>, <c>cee</c>, <c>kei</c>.</summary>
    public static string Key(this Lens lens) => lens.ToString().ToLowerInvariant();

    /// <summary>The lens's name for people.</summary>
    public static string DisplayName(this Lens lens) => lens switch
    {
        Lens.Cx => "CX+",
        Lens.Cee => "Six Pillars (CEE)",
        Lens.Kei => "KEI",
        _ => throw new ArgumentOutOfRangeException(nameof(lens)),
    };

    /// <summary>The lens's headline score's name.</summary>
    public static string ScoreName(this Lens lens) => lens switch
    {
        Lens.Cx => "CX+ score",
        Lens.Cee => "CEE score",
        Lens.Kei => "KEI",
        _ => throw new ArgumentOutOfRangeException(nameof(lens)),
    };

    /// <summary>The lens of a key (case-insensitive), or null.</summary>
    public static Lens? Parse(string? key) => key?.Trim().ToLowerInvariant() switch
    {
        null or "" or "cx" or "cx+" => Lens.Cx,
        "cee" => Lens.Cee,
        "kei" => Lens.Kei,
        _ => null,
    };

    /// <summary>Step 25: an answer's code, +1 for 4–5, 0 for 3, −1 for 1–2.</summary>
    public static int KeiCode(int answer) => answer >= 4 ? 1 : answer <= 2 ? -1 : 0;
}

/// <summary>
/// Step 24's sums for one brand's customers in one wave: the qualifying customers' (at least four
/// of six pillars rated) CEE composites and pillar ratings, and the cross-products for pillar
/// importance (step 22 with the six pillars).
/// </summary>
/// <param name="Incomplete">Customers who rated one to three pillars.</param>
/// <param name="Score">Sums of each qualifying customer's weighted mean of their rescaled pillar ratings.</param>
/// <param name="Pillars">Sums of the rescaled ratings per pillar, over qualifying customers who rated it.</param>
/// <param name="Drivers">Cross-products of the six pillars and recommendation over customers who rated all six and answered it.</param>
public sealed record PillarStatistics(long Incomplete, WeightedSums Score, IReadOnlyList<WeightedSums> Pillars, CrossProducts Drivers)
{
    /// <summary>No customers.</summary>
    public static PillarStatistics Empty { get; } = new(0, default, new WeightedSums[6], CrossProducts.Empty(7));

    /// <summary>The sums of two disjoint sets of customers together.</summary>
    public static PillarStatistics operator +(PillarStatistics a, PillarStatistics b) =>
        new(a.Incomplete + b.Incomplete, a.Score + b.Score, [.. a.Pillars.Zip(b.Pillars, (x, y) => x + y)], a.Drivers + b.Drivers);

    /// <summary>The sums of <paramref name="a"/> without the customers of <paramref name="b"/>.</summary>
    public static PillarStatistics operator -(PillarStatistics a, PillarStatistics b) =>
        new(a.Incomplete - b.Incomplete, a.Score - b.Score, [.. a.Pillars.Zip(b.Pillars, (x, y) => x - y)], a.Drivers - b.Drivers);
}

/// <summary>
/// Step 25's sums for one brand's customers in one wave, over those who answered all three items:
/// their <c>y_i = 100·mean(code)</c> and each item's <c>100·code</c>, so that the KEI is the mean
/// of the three items' net scores.
/// </summary>
/// <param name="Score">Sums of <c>y_i</c>.</param>
/// <param name="Items">Sums of <c>100·code</c> per item.</param>
public sealed record KeiStatistics(WeightedSums Score, IReadOnlyList<WeightedSums> Items)
{
    /// <summary>No customers.</summary>
    public static KeiStatistics Empty { get; } = new(default, new WeightedSums[3]);

    /// <summary>The sums of two disjoint sets of customers together.</summary>
    public static KeiStatistics operator +(KeiStatistics a, KeiStatistics b) =>
        new(a.Score + b.Score, [.. a.Items.Zip(b.Items, (x, y) => x + y)]);

    /// <summary>The sums of <paramref name="a"/> without the customers of <paramref name="b"/>.</summary>
    public static KeiStatistics operator -(KeiStatistics a, KeiStatistics b) =>
        new(a.Score - b.Score, [.. a.Items.Zip(b.Items, (x, y) => x - y)]);
}
