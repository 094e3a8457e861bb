
namespace CxPlus.Reports.Charts;

/// <summary>A linear axis: data values to figure positions, with round ticks.</summary>
public sealed record Scale(double Min, double Max, double From, double To)
{
    public double Map(double value) => From + (value - Min) / (Max - Min) * (To - From);

    /// <summary>A range that holds <paramref name="values"/> with a margin, widened to a whole tick step at both ends.</summary>
    public static Scale Nice(IEnumerable<double> values, double from, double to, double margin, int ticksWanted = 6)
    {
        var list = values.DefaultIfEmpty(0).ToArray();
        double low = list.Min() - margin, high = list.Max() + margin;
        if (high - low < 1) (low, high) = (low - 0.5, high + 0.5);
        var step = Step(high - low, ticksWanted);
        return new Scale(Math.Floor(low / step) * step, Math.Ceiling(high / step) * step, from, to);
    }

    public double TickStep(int ticksWanted = 6) => Step(Max - Min, ticksWanted);

    public IEnumerable<double> Ticks(int ticksWanted = 6)
    {
        var step = TickStep(ticksWanted);
        for (var t = Math.Ceiling(Min / step - 1e-9) * step; t <= Max + 1e-9; t += step) yield return Math.Round(t, 6);
    }

    /// <summary>1, 2 or 5 times a power of ten.</summary>
    private static double Step(double span, int wanted)
    {
        var raw = span / Math.Max(1, wanted);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var m = raw / power;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
    }

    /// <summary>A tick label as the reader writes numbers: "2,5" and "−5" in Dutch.</summary>
    public static string Label(double value) => Display.Number(Math.Round(value, 1) + 0.0, "0.#"); // + 0.0: no negative zero
}
