using MathNet.Numerics.LinearAlgebra;

namespace CxPlus.Scoring.Drivers;

/// <summary>
/// Step 22's sufficient statistics: over the complete respondents (every predictor rated and the
/// outcome answered) <c>n</c>, <c>Σw</c>, <c>Σw·v</c> and <c>Σw·v·v'</c> of the variables
/// <c>v</c> = predictors then outcome. Sums add, so the store keeps them in the rollups and a
/// sector's pooled drivers are the sum of its brands'.
/// </summary>
public sealed class CrossProducts
{
    private readonly double[] _sums;

    /// <summary>Sums laid out as <c>[n, Σw, Σw·v_0..v_(p-1), Σw·v_i·v_j for i ≤ j row by row]</c>.</summary>
    public CrossProducts(int variables, double[] sums)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(variables, 2);
        if (sums.Length != LengthFor(variables))
            throw new ArgumentException($"{variables} variables need {LengthFor(variables)} sums; got {sums.Length}.", nameof(sums));
        Variables = variables;
        _sums = sums;
    }

    /// <summary>No respondents.</summary>
    public static CrossProducts Empty(int variables) => new(variables, new double[LengthFor(variables)]);

    /// <summary>How many sums <paramref name="variables"/> variables need.</summary>
    public static int LengthFor(int variables) => 2 + variables + variables * (variables + 1) / 2;

    /// <summary>Predictors plus the outcome.</summary>
    public int Variables { get; }

    /// <summary>Complete respondents.</summary>
    public long N => (long)_sums[0];

    /// <summary>Σw over them.</summary>
    public double SumW => _sums[1];

    /// <summary>The sums in their layout (for the rollup array).</summary>
    public ReadOnlySpan<double> Sums => _sums;

    /// <summary>Adds one complete respondent's values <paramref name="v"/> of weight <paramref name="w"/> to sums in this layout.</summary>
    public static void Accumulate(Span<double> sums, ReadOnlySpan<double> v, double w)
    {
        sums[0] += 1;
        sums[1] += w;
        var p = v.Length;
        for (var i = 0; i < p; i++) sums[2 + i] += w * v[i];
        var at = 2 + p;
        for (var i = 0; i < p; i++)
        {
            var wv = w * v[i];
            for (var j = i; j < p; j++) sums[at++] += wv * v[j];
        }
    }

    /// <summary>The sums of the respondents of both (disjoint) sets.</summary>
    public static CrossProducts operator +(CrossProducts a, CrossProducts b) => Combine(a, b, 1);

    /// <summary>The sums of <paramref name="a"/> without the respondents of <paramref name="b"/> (an undone import).</summary>
    public static CrossProducts operator -(CrossProducts a, CrossProducts b) => Combine(a, b, -1);

    private static CrossProducts Combine(CrossProducts a, CrossProducts b, double sign)
    {
        if (a.Variables != b.Variables) throw new ArgumentException("Cross-products of different variables do not combine.");
        var sums = new double[a._sums.Length];
        for (var i = 0; i < sums.Length; i++) sums[i] = a._sums[i] + sign * b._sums[i];
        return new CrossProducts(a.Variables, sums);
    }

    /// <summary>The weighted covariance <c>C = Σw(v - v̄)(v - v̄)' / Σw = Σw·v·v'/Σw - v̄·v̄'</c>; null without respondents.</summary>
    public Matrix<double>? Covariance()
    {
        if (N < 1 || SumW <= 0) return null;
        var p = Variables;
        var mean = new double[p];
        for (var i = 0; i < p; i++) mean[i] = _sums[2 + i] / SumW;
        var c = Matrix<double>.Build.Dense(p, p);
        var at = 2 + p;
        for (var i = 0; i < p; i++)
            for (var j = i; j < p; j++)
            {
                var value = _sums[at++] / SumW - mean[i] * mean[j];
                c[i, j] = value;
                c[j, i] = value;
            }
        return c;
    }
}
