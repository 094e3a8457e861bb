using System.Globalization;
using CxPlus.Scoring;

namespace CxPlus.Data.Demo;

/// <summary>
/// Writes a realistic synthetic benchmark in the import format: four sectors of 6–9 brands,
/// four waves, brands that under-deliver, meet expectations, over-deliver and under-promise,
/// a low-base brand per sector, survey weights, "don't know" answers, incomplete respondents,
/// and NPS/CSAT/CES for customers. The same seed gives the same file.
/// </summary>
public static class DemoBenchmark
{
    public static readonly string[] Waves = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"];

    private static readonly (string Sector, string[] Brands)[] Sectors =
    [
        ("Retail Banking", ["Northbank", "Harbour Bank", "Civic Savings", "Lumen Bank", "Tallis & Co", "Meridian Direct", "Oak Mutual", "Peak Finance"]),
        ("Energy", ["Voltra", "GreenGrid", "Hearth Energy", "Solace Power", "Kinetic Utilities", "Beacon Gas", "Aurora Supply"]),
        ("Insurance", ["Shieldwell", "Anchor Cover", "Clearpath Insurance", "Guardia", "Haven Mutual", "Northstar Assurance", "Keystone Life", "Bluebell Insure", "Fairway"]),
        ("Telecom", ["Signalis", "Orbitel", "Parla Mobile", "Wavelink", "Connecta", "Relay One"]),
    ];

    public const string Header = "wave,sector,brand,respondent_id,role,clear_brand_promise,empowered_employees,empowered_customers,lasting_memories,exceptional_delivery,weight,nps,csat,ces";

    /// <summary>Writes the benchmark; <paramref name="scale"/> multiplies the respondents per brand. Returns the number of rows.</summary>
    public static long Write(TextWriter output, int seed = 1, double scale = 1)
    {
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be a number greater than 0.");
        var rng = new Random(seed);
        output.Write(Header);
        output.Write('\n');
        long rows = 0;
        foreach (var (sector, brands) in Sectors)
        {
            var lowBase = rng.Next(brands.Length);
            var profiles = brands.Select((brand, i) => BrandProfile.Create(rng, i, lowBase == i)).ToArray();
            for (var w = 0; w < Waves.Length; w++)
            {
                for (var b = 0; b < brands.Length; b++)
                {
                    var p = profiles[b];
                    var performance = p.Performance + p.Trend * w + Normal(rng) * 0.8;
                    var expectation = performance - p.Gap + Normal(rng) * 0.8;
                    var customers = p.LowBase ? rng.Next(35, 95) : (int)(rng.Next(150, 420) * scale);
                    var prospects = p.LowBase ? rng.Next(20, 60) : (int)(rng.Next(80, 220) * scale);
                    for (var i = 0; i < customers; i++)
                        rows += WriteRow(output, rng, Waves[w], sector, brands[b], $"C{w}{b:00}{i:000000}", Role.Customer, performance, p.FactorOffsets);
                    for (var i = 0; i < prospects; i++)
                        rows += WriteRow(output, rng, Waves[w], sector, brands[b], $"P{w}{b:00}{i:000000}", Role.Prospect, expectation, p.FactorOffsets);
                }
            }
        }
        return rows;
    }

    private sealed record BrandProfile(double Performance, double Gap, double Trend, double[] FactorOffsets, bool LowBase)
    {
        public static BrandProfile Create(Random rng, int index, bool lowBase)
        {
            // Cycle through the four stories so every sector tells each of them.
            var gap = (index % 4) switch
            {
                0 => -(3 + rng.NextDouble() * 6),   // under-delivers
                1 => rng.NextDouble() * 1.0 - 0.5,  // meets expectations
                2 => 1.5 + rng.NextDouble() * 3,    // over-delivers
                _ => 7 + rng.NextDouble() * 7,      // under-promises
            };
            var offsets = Enumerable.Range(0, SuccessFactors.Count).Select(_ => Normal(rng) * 4).ToArray();
            return new BrandProfile(60 + rng.NextDouble() * 18, gap, Normal(rng) * 0.8, offsets, lowBase);
        }
    }

    private static int WriteRow(TextWriter o, Random rng, string wave, string sector, string brand, string id, Role role, double level, double[] offsets)
    {
        var person = level + Normal(rng) * 11;
        var incomplete = rng.NextDouble() < 0.02;
        o.Write(wave); o.Write(','); o.Write(sector); o.Write(','); o.Write(brand); o.Write(','); o.Write(id); o.Write(',');
        o.Write(role.Key());
        var answered = 0;
        for (var k = 0; k < SuccessFactors.Count; k++)
        {
            o.Write(',');
            var missing = incomplete ? answered >= 2 : rng.NextDouble() < 0.04;
            if (missing) continue;
            answered++;
            o.Write(Clamp((person + offsets[k] + Normal(rng) * 7) / 10, 0, 10));
        }
        o.Write(',');
        if (rng.NextDouble() >= 0.1) o.Write((0.6 + rng.NextDouble()).ToString("0.###", CultureInfo.InvariantCulture));
        if (role == Role.Customer)
        {
            o.Write(',');
            if (rng.NextDouble() >= 0.05) o.Write(Clamp(person / 10 + 0.8 + Normal(rng) * 1.5, 0, 10));
            o.Write(',');
            if (rng.NextDouble() >= 0.05) o.Write(Clamp(1 + (person - 20) / 17 + Normal(rng) * 0.7, 1, 5));
            o.Write(',');
            if (rng.NextDouble() >= 0.08) o.Write(Clamp(1 + (person - 15) / 12 + Normal(rng) * 1.0, 1, 7));
        }
        else o.Write(",,,");
        o.Write('\n');
        return 1;
    }

    private static int Clamp(double value, int min, int max) => Math.Clamp((int)Math.Round(value, MidpointRounding.AwayFromZero), min, max);

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
