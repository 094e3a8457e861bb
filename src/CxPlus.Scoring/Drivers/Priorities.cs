namespace CxPlus.Scoring.Drivers;

/// <summary>Step 23's quadrants.</summary>
public enum PriorityQuadrant
{
    /// <summary>Important (above the mean importance of 20 %) and below the sector average.</summary>
    FixFirst,
    /// <summary>Important and at or above the sector average.</summary>
    Strength,
    /// <summary>Less important and at or above the sector average.</summary>
    Maintain,
    /// <summary>Less important and below the sector average.</summary>
    LowerPriority,
}

/// <summary>One factor's place in a brand's priority matrix.</summary>
/// <param name="Factor">The success factor.</param>
/// <param name="Importance">Its importance for recommendation (%), with the bootstrap interval when computed.</param>
/// <param name="Score">The brand's customers' factor score (step 5).</param>
/// <param name="VersusAverage">Score minus the sector average of the ranked brands' scores for the factor, with its interval (as step 19).</param>
/// <param name="Quadrant">Step 23's quadrant.</param>
public sealed record FactorPriority(SuccessFactor Factor, Estimate Importance, Estimate Score, Estimate VersusAverage, PriorityQuadrant Quadrant);

/// <summary>
/// Step 23: a brand's factors by importance (its own key drivers, or the sector's pooled ones when
/// its own are not estimable) against its factor scores minus the sector averages.
/// </summary>
/// <param name="Brand">The brand.</param>
/// <param name="Drivers">The key drivers the importances come from.</param>
/// <param name="SectorDrivers">Whether those are the sector's pooled drivers (the brand's own were not estimable).</param>
/// <param name="Factors">The factors in methodology order; empty when no importance or no average could be had.</param>
/// <param name="BrandDriversTried">When no drivers could be estimated: the brand's attempt.</param>
/// <param name="SectorDriversTried">When no drivers could be estimated: the sector's attempt.</param>
/// <param name="FactorWithoutScore">A factor with no score for the brand or no sector average.</param>
public sealed record PriorityMatrix(string Brand, DriverResult? Drivers, bool SectorDrivers, IReadOnlyList<FactorPriority> Factors,
    DriverResult? BrandDriversTried = null, DriverResult? SectorDriversTried = null, SuccessFactor? FactorWithoutScore = null)
{
    /// <summary>Why there is no matrix, in English (files and the CLI; the edges write it in the reader's language from the same data); null when there is one.</summary>
    public string? Reason => this switch
    {
        { BrandDriversTried: { } own, SectorDriversTried: { } sector } =>
            $"Key drivers cannot be estimated for the brand ({own.Reason}) nor for the sector ({sector.Reason}).",
        { FactorWithoutScore: { } factor } => $"{factor.DisplayName()} has no score for the brand or no sector average to compare with.",
        _ => null,
    };

    /// <summary>The mean importance of the five factors, 100 % / 5: the line between important and less important.</summary>
    public const double MeanImportance = 100.0 / SuccessFactors.Count;

    /// <summary>Builds a brand's matrix from its table row and the brand's and sector's key drivers.</summary>
    public static PriorityMatrix Build(LeagueTable table, string brand, DriverResult brandDrivers, DriverResult sectorDrivers)
    {
        var row = table.Find(brand) ?? throw new ArgumentException($"\"{brand}\" is not in the table.", nameof(brand));
        var (drivers, pooled) = brandDrivers.Estimable ? (brandDrivers, false) : (sectorDrivers, true);
        if (!drivers.Estimable)
            return new PriorityMatrix(row.Brand, null, false, [], brandDrivers, sectorDrivers);
        var factors = new List<FactorPriority>(SuccessFactors.Count);
        foreach (var f in SuccessFactors.All)
        {
            if (row.Result.Customers[f].Score is not { } score || FactorComparison.VersusAverage(table, row, f) is not { } versus)
                return new PriorityMatrix(row.Brand, drivers, pooled, [], FactorWithoutScore: f);
            var importance = drivers.Predictors[(int)f].Importance;
            factors.Add(new FactorPriority(f, importance, score, versus, Quadrant(importance.Value, versus.Value)));
        }
        return new PriorityMatrix(row.Brand, drivers, pooled, factors);
    }

    /// <summary>Step 23's quadrant of a factor: important when its importance (%) is above <see cref="MeanImportance"/>, below when its score is under the sector average.</summary>
    public static PriorityQuadrant Quadrant(double importance, double versusAverage) => (importance > MeanImportance, versusAverage < 0) switch
    {
        (true, true) => PriorityQuadrant.FixFirst,
        (true, false) => PriorityQuadrant.Strength,
        (false, false) => PriorityQuadrant.Maintain,
        (false, true) => PriorityQuadrant.LowerPriority,
    };

    /// <summary>The factor to fix first: of those in <see cref="PriorityQuadrant.FixFirst"/>, the most important; null when none.</summary>
    public FactorPriority? FirstToFix => Factors.Where(f => f.Quadrant == PriorityQuadrant.FixFirst)
        .OrderByDescending(f => f.Importance.Value).ThenBy(f => f.VersusAverage.Value).FirstOrDefault();
}

/// <summary>
/// A brand's factor score against the sector average of that factor, the plain mean of the ranked
/// brands' scores (step 23), computed from the table's <see cref="SectorFactor"/> sums.
/// </summary>
public static class FactorComparison
{
    /// <summary>The sector average of a factor over the ranked brands; null when none is ranked or one has no score.</summary>
    public static double? Average(LeagueTable table, SuccessFactor factor) => SectorFactor.Of(table, factor).Average;

    /// <summary>The brand's factor score minus the average, with its interval; null when either is missing.</summary>
    public static Estimate? VersusAverage(LeagueTable table, LeagueRow row, SuccessFactor factor) =>
        SectorFactor.Of(table, factor).VersusAverage(row, table.Settings.ConfidenceLevel);
}
