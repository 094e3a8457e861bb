namespace CxPlus.Scoring.Tests;

/// <summary>Small builders for hand-computed cases.</summary>
public static class Build
{
    /// <summary>A respondent who gives the same rating on all five factors (composite = that rating rescaled).</summary>
    public static SurveyResponse Flat(int rating, double weight = 1) => new([rating, rating, rating, rating, rating], weight);

    public static SurveyResponse Rated(params int?[] ratings) => new(ratings);

    public static RoleStatistics Stats(ScoringSettings settings, params SurveyResponse[] responses) => RoleStatistics.From(responses, settings);

    /// <summary>On a 0..100 scale a rating is its own rescaled value, so composites can be chosen to 0.2 points.</summary>
    public static ScoringSettings Percent(int minCustomers = 1, int minProspects = 1) =>
        new(scaleMin: 0, scaleMax: 100, minCustomers: minCustomers, minProspects: minProspects);

    /// <summary>Respondents whose composites are the given values on a 0..100 scale (values must be multiples of 0.2).</summary>
    public static SurveyResponse[] Composites(params double[] composites) =>
        [.. composites.Select(c =>
        {
            // Five integer ratings summing to 5c.
            var total = (int)Math.Round(5 * c);
            var baseRating = total / 5;
            var extra = total - 5 * baseRating;
            return new SurveyResponse([.. Enumerable.Range(0, 5).Select(k => (int?)(baseRating + (k < extra ? 1 : 0)))]);
        })];

    public static BrandWave Brand(string name, ScoringSettings settings, double[] customers, double[] prospects) =>
        new(name, RoleStatistics.From(Composites(customers), settings), RoleStatistics.From(Composites(prospects), settings));
}
