using System.Diagnostics;
using System.Globalization;
using CxPlus.Scoring.Drivers;
using MathNet.Numerics.LinearAlgebra;

namespace CxPlus.Benchmarks;

/// <summary>
/// Does the bootstrap of random groups hold its 95 %? Surveys of 20,000 and 100,000 complete
/// customers are drawn from a population whose key-driver importances are known exactly (the five
/// factors and NPS multivariate normal with a fixed covariance), their respondents put in the 64
/// groups by the hash of their id, and each interval checked against the truth. The respondent
/// bootstrap, which the product keeps below 20,000, is run on the same surveys at 20,000 for
/// comparison. Seeded: the same run gives the same table.
/// </summary>
public static class DriverCoverage
{
    public static void Run(int replicates)
    {
        // Factors correlated 0.45-0.7 with one another (as ratings of one experience are), NPS driven
        // unequally by them: true importances from about 10 % to 32 %.
        double[,] correlation =
        {
            { 1.00, 0.55, 0.50, 0.45, 0.60, 0.45 },
            { 0.55, 1.00, 0.60, 0.55, 0.65, 0.62 },
            { 0.50, 0.60, 1.00, 0.50, 0.55, 0.48 },
            { 0.45, 0.55, 0.50, 1.00, 0.70, 0.58 },
            { 0.60, 0.65, 0.55, 0.70, 1.00, 0.55 },
            { 0.45, 0.62, 0.48, 0.58, 0.55, 1.00 },
        };
        var sigma = Matrix<double>.Build.DenseOfArray(correlation);
        var cholesky = sigma.Cholesky().Factor;
        var truth = TrueImportances(sigma);
        Console.WriteLine("True importances: " + string.Join(", ", KeyDrivers.Factors.Select((f, k) => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {truth[k]:0.0} %"))));
        Console.WriteLine();
        Console.WriteLine($"Coverage of 95 % percentile intervals, {replicates} simulated surveys a row (1,000 resamples each).");
        Console.WriteLine();
        Console.WriteLine("| complete respondents | weights | bootstrap | coverage, five factors | lowest single factor | mean width | time a survey |");
        Console.WriteLine("| ---: | --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var n in new[] { 20_000, 100_000 })
            foreach (var unequal in new[] { false, true })
            {
                Cell(n, unequal, groups: true);
                if (n == 20_000) Cell(n, unequal, groups: false);
            }

        void Cell(int n, bool unequal, bool groups)
        {
            var rng = new Random(2025 + n + (unequal ? 1 : 0));
            var covered = new int[5];
            double width = 0;
            var clock = Stopwatch.StartNew();
            var runs = groups ? replicates : Math.Max(50, replicates / 4);
            for (var r = 0; r < runs; r++)
            {
                var rows = new List<(double[] Values, double Weight)>(n);
                var builder = new double[RespondentGroups.Count][];
                for (var i = 0; i < n; i++)
                {
                    var z = Vector<double>.Build.Dense(6, _ => Gauss(rng));
                    var v = (cholesky * z).ToArray();
                    var w = unequal ? 0.3 + 2.7 * rng.NextDouble() : 1;
                    if (groups) CrossProducts.Accumulate(builder[RespondentGroups.Of($"r{r}-{i}")] ??= new double[CrossProducts.LengthFor(6)], v, w);
                    else rows.Add((v, w));
                }
                var result = groups
                    ? KeyDrivers.GroupBootstrap([[.. builder.Where(b => b is not null).Select(b => new CrossProducts(6, b!))]], KeyDrivers.Factors, 100, 400, 0.95, seed: r)
                    : KeyDrivers.Bootstrap(rows, KeyDrivers.Factors, 100, 400, 0.95, seed: r);
                for (var k = 0; k < 5; k++)
                {
                    var e = result.Predictors[k].Importance;
                    if (e.Low <= truth[k] && truth[k] <= e.High) covered[k]++;
                    width += (e.High!.Value - e.Low!.Value) / 5;
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n:N0} | {(unequal ? "unequal" : "equal")} | {(groups ? "64 random groups (as the product does it)" : "respondents")} | {covered.Sum() / (5.0 * runs):P1} | {covered.Min() / (double)runs:P1} | {width / runs:0.00} | {clock.Elapsed.TotalSeconds / runs:0.00} s |"));
        }
    }

    /// <summary>Step 22's importances of the population itself: its covariance as the sums of one respondent of weight 1 at the mean 0.</summary>
    private static double[] TrueImportances(Matrix<double> sigma)
    {
        var sums = new double[CrossProducts.LengthFor(6)];
        sums[0] = 1e9; // enough respondents to clear any base
        sums[1] = 1;
        var at = 8;
        for (var i = 0; i < 6; i++)
            for (var j = i; j < 6; j++) sums[at++] = sigma[i, j];
        return [.. KeyDrivers.Compute(new CrossProducts(6, sums), KeyDrivers.Factors, 100).Predictors.Select(p => p.Importance.Value)];
    }

    private static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
