using System.Globalization;
using CxPlus.Scoring;

namespace CxPlus.Data.Demo;

/// <summary>
/// Writes a realistic synthetic benchmark in the import format: four sectors of 6–9 brands,
/// four waves, brands that under-deliver, meet expectations, over-deliver and under-promise,
/// a low-base brand per sector, survey weights, "don't know" answers, incomplete respondents,
/// and NPS/CSAT/CES for customers. Recommendation leans on different factors in each sector, so
/// key drivers differ; Retail Banking also asks the Six Pillars and the KEI, Telecom the KEI (the
/// other sectors leave those columns empty, as a file without them would). The same seed gives
/// the same file.
/// </summary>
public static class DemoBenchmark
{
    public static readonly string[] Waves = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"];

    /// <summary>A sector: its brands, how much recommendation leans on each factor, and which lenses it asks.</summary>
    private sealed record DemoSector(string Name, string[] Brands, double[] DriverWeights, bool Pillars, bool Kei);

    private static readonly DemoSector[] Sectors =
    [
        new("Retail Banking", ["Northbank", "Harbour Bank", "Civic Savings", "Lumen Bank", "Tallis & Co", "Meridian Direct", "Oak Mutual", "Peak Finance"],
            [1, 1, 3, 1, 1], Pillars: true, Kei: true),      // digital self-service drives recommendation
        new("Energy", ["Voltra", "GreenGrid", "Hearth Energy", "Solace Power", "Kinetic Utilities", "Beacon Gas", "Aurora Supply"],
            [0.5, 1, 1, 1, 3], Pillars: false, Kei: false),  // getting the basics delivered
        new("Insurance", ["Shieldwell", "Anchor Cover", "Clearpath Insurance", "Guardia", "Haven Mutual", "Northstar Assurance", "Keystone Life", "Bluebell Insure", "Fairway"],
            [1, 3, 1, 1.5, 0.5], Pillars: false, Kei: false), // staff who handle a claim well
        new("Telecom", ["Signalis", "Orbitel", "Parla Mobile", "Wavelink", "Connecta", "Relay One"],
            [1, 1, 2, 3, 0.5], Pillars: false, Kei: true),   // memorable moments
    ];

    /// <summary>The sector names, in the file's order.</summary>
    public static IReadOnlyList<string> SectorNames => [.. Sectors.Select(s => s.Name)];

    /// <summary>A sector's brands, in the file's order.</summary>
    public static IReadOnlyList<string> BrandsOf(string sector) => Sectors.Single(s => s.Name == sector).Brands;

    /// <summary>The sectors whose customers answer the Six Pillars / the KEI.</summary>
    public static IReadOnlyList<string> PillarSectors => [.. Sectors.Where(s => s.Pillars).Select(s => s.Name)];

    /// <inheritdoc cref="PillarSectors"/>
    public static IReadOnlyList<string> KeiSectors => [.. Sectors.Where(s => s.Kei).Select(s => s.Name)];

    public const string Header = PlainHeader + "," + SegmentColumns + ",comment";

    /// <summary>The header without the segment and comment columns (<see cref="Write"/> with <c>segments: false, comments: false</c>).</summary>
    public const string PlainHeader = "wave,sector,brand,respondent_id,role,clear_brand_promise,empowered_employees,empowered_customers,lasting_memories,exceptional_delivery,weight,nps,csat,ces," +
        "personalisation,integrity,expectations,resolution,time_and_effort,empathy,effectiveness,ease,emotion";

    private const string SegmentColumns = "segment_age,segment_region,segment_lifecycle,segment_contact_reason";

    /// <summary>The demo's segments (step 26) and their categories; lifecycle and contact reason are asked of customers only.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Segments = new Dictionary<string, string[]>
    {
        ["age"] = ["18-34", "35-54", "55+"],
        ["region"] = ["North", "East", "West", "South", "Flanders"],
        ["lifecycle"] = ["new", "established", "loyal"],
        ["contact_reason"] = ["complaint", "billing", "moving", "outage", "product", "question"],
    };

    /// <summary>
    /// Writes the benchmark; <paramref name="scale"/> multiplies the respondents per brand. Without
    /// <paramref name="segments"/> (or <paramref name="comments"/>) the same rows lack the segment
    /// columns (the comment column); every other value is the same: each draws from its own generator.
    /// Returns the number of rows.
    /// </summary>
    public static long Write(TextWriter output, int seed = 1, double scale = 1, bool segments = true, bool comments = true)
    {
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be a number greater than 0.");
        var rng = new Random(seed);
        // The lens answers draw from their own generator, so adding them left every other number as it was.
        var lensRng = new Random(unchecked(seed * 7919 + 17));
        // So do the segments: a respondent's categories follow how they rated, never the other way round.
        var segmentRng = new Random(unchecked(seed * 104729 + 29));
        // And the comments: a respondent writes about the factor it rated lowest, or highest.
        var commentRng = comments ? new Random(unchecked(seed * 15485863 + 41)) : null;
        output.Write(PlainHeader);
        if (segments) output.Write("," + SegmentColumns);
        if (comments) output.Write(",comment");
        output.Write('\n');
        long rows = 0;
        foreach (var demo in Sectors)
        {
            var (sector, brands) = (demo.Name, demo.Brands);
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
                        rows += WriteRow(output, rng, lensRng, segments ? segmentRng : null, commentRng, demo, Waves[w], brands[b], $"C{w}{b:00}{i:000000}", Role.Customer, performance, p.FactorOffsets);
                    for (var i = 0; i < prospects; i++)
                        rows += WriteRow(output, rng, lensRng, segments ? segmentRng : null, commentRng, demo, Waves[w], brands[b], $"P{w}{b:00}{i:000000}", Role.Prospect, expectation, p.FactorOffsets);
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

    private static int WriteRow(TextWriter o, Random rng, Random lensRng, Random? segmentRng, Random? commentRng, DemoSector sector, string wave, string brand, string id, Role role, double level, double[] offsets)
    {
        var person = level + Normal(rng) * 11;
        var incomplete = rng.NextDouble() < 0.02;
        o.Write(wave); o.Write(','); o.Write(sector.Name); o.Write(','); o.Write(brand); o.Write(','); o.Write(id); o.Write(',');
        o.Write(role.Key());
        var answered = 0;
        // What the respondent experienced on each factor (the rating they gave, or would have given).
        Span<double> felt = stackalloc double[SuccessFactors.Count];
        for (var k = 0; k < SuccessFactors.Count; k++)
        {
            o.Write(',');
            felt[k] = (person + offsets[k]) / 10;
            var missing = incomplete ? answered >= 2 : rng.NextDouble() < 0.04;
            if (missing) continue;
            answered++;
            var rating = Clamp((person + offsets[k] + Normal(rng) * 7) / 10, 0, 10);
            felt[k] = rating;
            o.Write(rating);
        }
        double driven = 0;
        for (var k = 0; k < felt.Length; k++) driven += sector.DriverWeights[k] * felt[k];
        driven /= sector.DriverWeights.Sum();
        o.Write(',');
        if (rng.NextDouble() >= 0.1) o.Write((0.6 + rng.NextDouble()).ToString("0.###", CultureInfo.InvariantCulture));
        if (role == Role.Customer)
        {
            o.Write(',');
            if (rng.NextDouble() >= 0.05) o.Write(Clamp(driven + 0.8 + Normal(rng) * 1.5, 0, 10));
            o.Write(',');
            if (rng.NextDouble() >= 0.05) o.Write(Clamp(1 + (person - 20) / 17 + Normal(rng) * 0.7, 1, 5));
            o.Write(',');
            if (rng.NextDouble() >= 0.08) o.Write(Clamp(1 + (person - 15) / 12 + Normal(rng) * 1.0, 1, 7));
        }
        else o.Write(",,,");
        for (var k = 0; k < 6; k++)
        {
            o.Write(',');
            if (role == Role.Customer && sector.Pillars && lensRng.NextDouble() >= 0.05)
                o.Write(Clamp((person + (k - 2.5) * 2 + Normal(lensRng) * 8) / 10, 0, 10));
        }
        foreach (var lean in (ReadOnlySpan<double>)[0.2, -0.3, 0])
        {
            o.Write(',');
            if (role == Role.Customer && sector.Kei && lensRng.NextDouble() >= 0.03)
                o.Write(Clamp(1 + (person - 25) / 14 + lean + Normal(lensRng) * 0.8, 1, 5));
        }
        if (segmentRng is not null) WriteSegments(o, segmentRng, role, (person - level) / 11, felt[(int)SuccessFactor.ExceptionalDelivery] - level / 10);
        if (commentRng is not null) WriteComment(o, commentRng, role, felt);
        o.Write('\n');
        return 1;
    }

    /// <summary>
    /// The respondent's segments, drawn from how far they rate above or below their brand
    /// (<paramref name="standing"/>, in standard deviations) so that the categories truly differ:
    /// the young and new customers rate lower, the loyal ones higher, a complaint follows poor
    /// delivery (<paramref name="delivery"/>, in rating points). A few leave age or region empty;
    /// prospects are not asked lifecycle or contact reason, and one customer in six had no contact.
    /// </summary>
    private static void WriteSegments(TextWriter o, Random rng, Role role, double standing, double delivery)
    {
        string? Pick(string segment, double lean, double[] cuts)
        {
            var draw = lean + Normal(rng);
            var k = 0;
            while (k < cuts.Length && draw > cuts[k]) k++;
            return Segments[segment][k];
        }
        o.Write(',');
        if (rng.NextDouble() >= 0.03) o.Write(Pick("age", standing * 0.9, [-0.45, 0.55]));
        o.Write(',');
        if (rng.NextDouble() >= 0.03) o.Write(Segments["region"][rng.Next(5)] is var region && region == "Flanders" && standing < -0.5 && rng.NextDouble() < 0.5 ? "North" : region);
        o.Write(',');
        if (role == Role.Customer) o.Write(Pick("lifecycle", standing * 0.8, [-0.6, 0.5]));
        o.Write(',');
        if (role == Role.Customer && rng.NextDouble() >= 1.0 / 6)
            o.Write(delivery < -1.2 && rng.NextDouble() < 0.6 ? "complaint" : Segments["contact_reason"][1 + rng.Next(5)]);
    }

    // What customers write about each factor (in factor order), when it went badly and when it went well; nl, then en.
    private static readonly string[][][] Low =
    [
        [["Ik weet nog steeds niet wat ik van dit bedrijf kan verwachten.", "De beloftes in de reclame kloppen niet met wat ik krijg.", "Onduidelijke voorwaarden, niemand kon het uitleggen."],
         ["I still do not know what to expect from them.", "The advertising promises something else than what I get."]],
        [["De medewerker aan de telefoon was onvriendelijk en had geen verstand van zaken.", "Lang gewacht op de klantenservice en daarna afgepoept.", "Medewerkers weten het zelf ook niet."],
         ["The staff on the phone were rude and did not know the answer.", "I waited ages for customer service."]],
        [["De app crasht steeds en inloggen lukt vaak niet.", "Ik kan zelf niets regelen, alles moet via de telefoon.", "Internetbankieren is traag en onoverzichtelijk."],
         ["The app keeps crashing and I cannot log in.", "I cannot sort anything out myself online."]],
        [["Niets bijzonders, je bent gewoon een nummer.", "Geen enkele persoonlijke aandacht.", "Nooit iets extra's gedaan voor een trouwe klant."],
         ["Nothing special, you are just a number.", "No personal attention at all."]],
        [["Storing duurde dagen en niemand belde terug.", "Mijn klacht is na drie weken nog steeds niet opgelost.", "Geld twee keer afgeschreven en het duurt lang voor het terug is."],
         ["My complaint is still not solved after three weeks.", "The outage took days and nobody called back."]],
    ];

    private static readonly string[][][] High =
    [
        [["Je weet precies waar je aan toe bent.", "Duidelijke producten zonder kleine lettertjes."], ["You know exactly what you get.", "Clear products, no small print."]],
        [["Heel vriendelijke medewerker die echt meedacht.", "Snel geholpen door een deskundige medewerker."], ["A very kind employee who really thought along.", "Helped quickly by someone who knew the answer."]],
        [["De app werkt prima, alles zelf te regelen.", "Makkelijk online geregeld binnen vijf minuten."], ["The app works fine, I can do everything myself.", "Sorted out online in five minutes."]],
        [["Ze dachten aan mijn verjaardag, leuk gebaar!", "Een echt persoonlijke ervaring, top."], ["They remembered my birthday, a lovely touch!", "A truly personal experience."]],
        [["Alles werd in één keer goed opgelost.", "Snel en correct geleverd, precies zoals beloofd."], ["Everything was solved at once.", "Delivered quickly and correctly, as promised."]],
    ];

    private static readonly string[][] Prospect =
    [
        ["Ik hoor wisselende verhalen over de klantenservice.", "Ik verwacht een goede app en snelle hulp.", "Volgens vrienden zijn ze duur voor wat je krijgt."],
        ["I hear mixed stories about their customer service.", "I expect a good app and quick help."],
    ];

    /// <summary>
    /// A third of the customers and a sixth of the prospects write a comment: a customer about the
    /// factor it felt worst (when that was poor) or best, in Dutch mostly; one in twenty-five leaves
    /// a phone number, an e-mail address or a customer number in it, for step 28 to remove.
    /// </summary>
    private static void WriteComment(TextWriter o, Random rng, Role role, ReadOnlySpan<double> felt)
    {
        o.Write(',');
        if (rng.NextDouble() >= (role == Role.Customer ? 1.0 / 3 : 1.0 / 6)) return;
        var language = rng.NextDouble() < 0.85 ? 0 : 1;
        string text;
        if (role == Role.Prospect) text = Pick(rng, Prospect[language]);
        else
        {
            int worst = 0, best = 0;
            for (var k = 1; k < felt.Length; k++)
            {
                if (felt[k] < felt[worst]) worst = k;
                if (felt[k] > felt[best]) best = k;
            }
            text = felt[worst] < 6.5 || rng.NextDouble() < 0.15 ? Pick(rng, Low[worst][language]) : Pick(rng, High[best][language]);
        }
        if (rng.NextDouble() < 0.04)
            text += rng.Next(3) switch
            {
                0 => language == 0 ? $" Bel me op 06 {rng.Next(10_000_000, 99_999_999)}." : $" Call me on 06 {rng.Next(10_000_000, 99_999_999)}.",
                1 => language == 0 ? $" Mail naar klant{rng.Next(1000)}@voorbeeld.nl." : $" Write to customer{rng.Next(1000)}@example.com.",
                _ => language == 0 ? $" Klantnummer {rng.Next(1_000_000, 9_999_999)}." : $" Customer number {rng.Next(1_000_000, 9_999_999)}.",
            };
        o.Write('"');
        o.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        o.Write('"');
    }

    private static string Pick(Random rng, string[] options) => options[rng.Next(options.Length)];

    private static int Clamp(double value, int min, int max) => Math.Clamp((int)Math.Round(value, MidpointRounding.AwayFromZero), min, max);

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
