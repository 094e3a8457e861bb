using CxPlus.Reports.Charts;
using CxPlus.Reports.Drawing;
using CxPlus.Scoring;
using CxPlus.Scoring.Drivers;
using CxPlus.Scoring.Tests;

namespace CxPlus.Reports.Tests;

/// <summary>
/// Issue #13: charts that stay readable in a crowded sector. Fourteen brands within a few points of
/// one another, three waves; at the dashboard's wide and phone sizes no two texts may overlap and
/// none may leave the figure.
/// </summary>
public class ChartLayoutTests
{
    private static readonly ScoringSettings Settings = Build.Percent(minCustomers: 2, minProspects: 2);

    private static readonly string[] Names =
    [
        "Aurora Mutual", "Boreal", "Cobalt Assurance", "Delta & Partners", "Elm", "Fjord Insurance Group", "Granite",
        "Harbour", "Iris", "Juniper Life", "Kestrel", "Lumen Forsikring", "Meridian", "Nordic Shield Holdings ASA",
    ];

    private static LeagueTable Wave(string wave, int shift) => LeagueTable.Build("Crowded", wave,
        [.. Names.Select((n, i) =>
        {
            var c = 70 + (i * 7 + shift) % 9 * 0.6; // performance spread over about 5 points
            var p = 70 + (i * 5 + shift) % 7 * 0.8;
            return Build.Brand(n, Settings, [c - 2, c, c + 2], [p - 2, p, p + 2]);
        })], Settings);

    private static readonly LeagueTable[] History = [Wave("W1", 0), Wave("W2", 3), Wave("W3", 5)];

    public static TheoryData<double, double, double> Sizes => new() { { 980, 380, 11 }, { 400, 380, 12 }, { 360, 360, 12 } };

    private static void ShouldRead(Figure figure, string what)
    {
        figure.Collisions().Select(c => $"\"{c.Item1.Text}\" / \"{c.Item2.Text}\"").Should().BeEmpty(what);
        figure.Texts.Should().OnlyContain(t => t.Bounds.Left >= -0.5 && t.Bounds.Right <= figure.Width + 0.5
                                              && t.Bounds.Top >= -0.5 && t.Bounds.Bottom <= figure.Height + 0.5, $"{what}: every text inside");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_sector_trend_of_a_crowded_sector_names_every_brand_without_overlap(double width, double height, double font)
    {
        foreach (var measure in new[] { SectorTrendChart.Measure.Score, SectorTrendChart.Measure.Index })
        {
            var figure = SectorTrendChart.Layout(History, measure, width, height, font);
            ShouldRead(figure, $"{measure} at {width}");
            figure.Points.Should().HaveCount(Names.Length * History.Length, "every brand's point in every wave can be pointed at");
            figure.Texts.Select(t => t.Text).Should().Contain(t => t.StartsWith("Nordic", StringComparison.Ordinal), "long names are shortened, not dropped");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_sector_trend_names_every_wave_below_its_axis(double width, double height, double font)
    {
        // Issue #25: wave codes as fieldwork names them are wider than "W1"; the first one sits near the
        // lowest number of the vertical axis and was dropped as if it were the one to give way.
        string[] waves = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"];
        var history = waves.Select((w, i) => Wave(w, i * 2)).ToArray();
        foreach (var measure in new[] { SectorTrendChart.Measure.Score, SectorTrendChart.Measure.Index })
        {
            var figure = SectorTrendChart.Layout(history, measure, width, height, font);
            figure.Texts.Select(t => t.Text).Should().Contain(waves, $"{measure} at {width}");
            ShouldRead(figure, $"{measure} at {width}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void In_Dutch_the_gap_map_and_the_sector_trend_read_too_with_their_longer_words(double width, double height, double font)
    {
        using var dutch = new CultureScope("nl");
        var map = GapMapChart.Layout(History[^1], width, height, fontSize: font);
        var trend = SectorTrendChart.Layout(History, SectorTrendChart.Measure.Score, width, height, font);

        ShouldRead(map, $"Dutch gap map at {width}");
        ShouldRead(trend, $"Dutch sector trend at {width}");
        map.Texts.Select(t => t.Text).Should().Contain(["Experience Gap (punten)", "CX Performance Score (klanten)", "significante gap"]);
        map.Texts.Select(t => t.Text).Should().Contain(t => t.StartsWith("sectorgemiddelde CX+ ", StringComparison.Ordinal) && t.Contains(','), "its number with a decimal comma");
        map.Points.Should().OnlyContain(p => p.Summary.Contains("positie") || p.Summary.Contains("niet gerangschikt"), "what a point says on hover");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_gap_map_of_a_crowded_sector_reads(double width, double height, double font)
    {
        var map = GapMapChart.Layout(History[^1], width, height, fontSize: font);
        ShouldRead(map, $"gap map at {width}");
        Names.Where(n => !map.Texts.Any(t => n.StartsWith(t.Text.TrimEnd('…'), StringComparison.Ordinal)))
            .Should().BeEmpty("every brand is named on the map, moved aside with a leader line where it must");
        ShouldRead(GapMapChart.Layout(History[^1], width, height, highlight: "Granite", fontSize: font), $"gap map highlighting at {width}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_gap_map_writes_no_name_across_its_zero_or_cap_line(double width, double height, double font)
    {
        // Most gaps of a sector lie near zero, so the natural place for a name is often on the line
        // that divides over- from under-delivering: struck through, it reads as crossed out.
        foreach (var highlight in new string?[] { null, "Granite" })
        {
            var map = GapMapChart.Layout(History[^1], width, height, highlight, fontSize: font);
            var dividers = map.Lines.Where(l => l.Y1 == l.Y2 && l.X2 - l.X1 > map.Width / 2).ToList();
            dividers.Should().HaveCount(2, "the zero line and the cap's line run across the plot");
            var brandNames = map.Texts.Where(t => Names.Any(n => n.StartsWith(t.Text.TrimEnd('…'), StringComparison.Ordinal)));
            brandNames.Where(t => dividers.Any(l => t.Bounds.Top < l.Y1 && t.Bounds.Bottom > l.Y1))
                .Select(t => t.Text).Should().BeEmpty($"no name is struck through at {width} px (highlight {highlight ?? "none"})");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_gap_maps_lines_pass_under_its_texts_not_through_them(double width, double height, double font)
    {
        // Lines of equal score cross the plot everywhere: a region's or a brand's name drawn over one
        // reads as struck through. Each text on the plot carries a halo the colour of the band under it.
        var map = GapMapChart.Layout(History[^1], width, height, "Granite", fontSize: font);
        var bands = map.Rects.Take(3).ToList();
        var onPlot = map.Texts.Where(t => bands.Any(b => b.Box.Intersects(t.Bounds))).ToList();
        onPlot.Should().Contain(t => t.Text.StartsWith("Under-delivers", StringComparison.Ordinal)).And.Contain(t => t.Text == "Granite");
        onPlot.Where(t => t.Halo != bands.First(b => b.Box.Contains(t.Bounds.CenterX, t.Bounds.CenterY)).Fill)
            .Select(t => t.Text).Should().BeEmpty($"every text on the plot is haloed in its band's colour at {width} px");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_priority_matrix_names_every_factor_inside_the_figure(double width, double height, double font)
    {
        // Importances close together and differences around 0: the crowded case for names.
        double[] importance = [21, 19, 20.5, 19.5, 20];
        var drivers = new DriverResult(300, 0.4, null, [.. KeyDrivers.Factors.Select((p, k) =>
            new DriverImportance(p.Key, p.Name, importance[k] / 250, Estimate.WithInterval(importance[k], 2, 999, importance[k] - 4, importance[k] + 4)))]);
        var matrix = PriorityMatrix.Build(History[^1], Names[3], drivers, drivers);

        var figure = PriorityMatrixChart.Layout(matrix, width, height, fontSize: font);

        ShouldRead(figure, $"priority matrix at {width}");
        SuccessFactors.All.Where(f => !figure.Texts.Any(t => f.DisplayName().StartsWith(t.Text.TrimEnd('…'), StringComparison.Ordinal) && t.Text.Length > 3))
            .Should().BeEmpty("every factor is named");
        figure.Texts.Select(t => t.Text).Should().Contain(["Fix first", "Strength", "Maintain", "Lower priority"]);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_priority_matrix_keeps_every_name_inside_when_the_whiskers_are_long(double width, double height, double font)
    {
        // A demo brand's matrix (Energy, Voltra, 2026-Q3) whose "Clear Brand Promise" was drawn past
        // the phone figure's right edge: wide intervals on both axes left its name no free place.
        var matrix = Matrix("Voltra",
            (SuccessFactor.ClearBrandPromise, 22, 13, 32, 2.1, 0.7, 3.5),
            (SuccessFactor.EmpoweredEmployees, 9, 6, 15, 0.6, -0.8, 2.0),
            (SuccessFactor.EmpoweredCustomers, 16, 9, 24, -1.9, -3.3, -0.4),
            (SuccessFactor.LastingMemories, 26, 16, 36, -1.4, -2.8, 0.0),
            (SuccessFactor.ExceptionalDelivery, 27, 17, 37, 3.6, 2.2, 5.0));

        var figure = PriorityMatrixChart.Layout(matrix, width, height, fontSize: font);

        ShouldRead(figure, $"priority matrix at {width}");
        SuccessFactors.All.Where(f => !figure.Texts.Any(t => f.DisplayName().StartsWith(t.Text.TrimEnd('…'), StringComparison.Ordinal) && t.Text.Length > 3))
            .Should().BeEmpty("every factor is named");
    }

    /// <summary>Each factor's name, drawn without a leader line, that is nearer another factor's point than its own.</summary>
    internal static IEnumerable<string> NamesNearerAnotherPoint(Figure figure)
    {
        var leaders = figure.Lines.Where(l => l.Color == LabelPlacer.LeaderColor).ToList();
        static double Distance(Box box, double x, double y)
        {
            var (nx, ny) = box.Nearest(x, y);
            return Math.Sqrt((nx - x) * (nx - x) + (ny - y) * (ny - y));
        }
        foreach (var text in figure.Texts)
        {
            var factors = SuccessFactors.All.Where(f => text.Text.Length > 3 && f.DisplayName().StartsWith(text.Text.TrimEnd('…'), StringComparison.Ordinal)).ToList();
            if (factors.Count != 1 || figure.Points.FirstOrDefault(p => p.Key == factors[0].Key()) is not { } own) continue;
            if (leaders.Any(l => Distance(text.Bounds, l.X2, l.Y2) < 1)) continue; // its leader says whose it is
            var mine = Distance(text.Bounds, own.X, own.Y);
            foreach (var other in figure.Points.Where(p => p != own && Distance(text.Bounds, p.X, p.Y) < mine - 0.5))
                yield return $"{text.Text} is nearer {other.Key} than {own.Key}";
        }
    }

    /// <summary>A brand's priority matrix as read off its page: per factor its importance (%) and the difference to the sector average, each with its interval.</summary>
    private static PriorityMatrix Matrix(string brand, params (SuccessFactor Factor, double Importance, double Low, double High, double Versus, double VLow, double VHigh)[] seen) =>
        new(brand, null, false, [.. seen.Select(f => new FactorPriority(f.Factor,
            Estimate.WithInterval(f.Importance, 5, 999, f.Low, f.High), Estimate.WithInterval(72, 1, 999, 70, 74),
            Estimate.WithInterval(f.Versus, 0.8, 999, f.VLow, f.VHigh), PriorityMatrix.Quadrant(f.Importance, f.Versus)))], null);

    /// <summary>The sizes the product draws a priority matrix at: dashboard wide and phone, PowerPoint, PDF.</summary>
    public static TheoryData<double, double, double> MatrixSizes => new() { { 760, 380, 11 }, { 360, 360, 12 }, { 470, 380, 11 }, { PageFlow.ContentWidth, 270, 9.5 } };

    [Theory]
    [MemberData(nameof(MatrixSizes))]
    public void The_priority_matrix_draws_no_line_through_a_name(double width, double height, double font)
    {
        // A demo brand's matrix (Retail Banking, Oak Mutual, 2026-Q2): five factors within six points
        // of one another, long whiskers. "Empowered Employees" was written across the leader line of
        // "Empowered Customers", and whiskers ran through the names.
        var matrix = Matrix("Oak Mutual",
            (SuccessFactor.ClearBrandPromise, 21.3, 10, 35, 9.4, 7.7, 11.0),
            (SuccessFactor.EmpoweredEmployees, 17.8, 10, 30, 7.2, 5.6, 8.9),
            (SuccessFactor.EmpoweredCustomers, 20.4, 13, 32, 4.7, 3.15, 6.3),
            (SuccessFactor.LastingMemories, 24.7, 14, 35, 3.3, 1.6, 5.0),
            (SuccessFactor.ExceptionalDelivery, 15.7, 8, 27, 7.7, 6.0, 9.4));

        var figure = PriorityMatrixChart.Layout(matrix, width, height, fontSize: font);

        ShouldRead(figure, $"priority matrix at {width}");
        var names = figure.Texts.Where(t => SuccessFactors.All.Any(f => f.DisplayName().StartsWith(t.Text.TrimEnd('…'), StringComparison.Ordinal) && t.Text.Length > 3)).ToList();
        names.Should().HaveCount(5, "every factor is named");
        var leaders = figure.Lines.Where(l => l.Color == LabelPlacer.LeaderColor).ToList();
        names.Where(t => leaders.Any(l => Crosses(t.Bounds, l))).Select(t => t.Text)
            .Should().BeEmpty($"no leader line runs through a name at {width} px");
        var quadrants = figure.Rects.Take(4).ToList();
        names.Where(t => t.Halo != quadrants.Last(q => q.Box.Contains(t.Bounds.CenterX, t.Bounds.CenterY)).Fill)
            .Select(t => t.Text).Should().BeEmpty($"a whisker passes under a name, not through it, at {width} px");
    }

    /// <summary>Whether a line passes through a box (sampled along the line, the box shrunk by half a unit).</summary>
    internal static bool Crosses(Box box, FigureLine line) => Enumerable.Range(0, 101).Select(k => k / 100.0).Any(t =>
    {
        double px = line.X1 + (line.X2 - line.X1) * t, py = line.Y1 + (line.Y2 - line.Y1) * t;
        return px > box.Left + 0.5 && px < box.Right - 0.5 && py > box.Top + 0.5 && py < box.Bottom - 0.5;
    });

    [Theory]
    [InlineData(760, 11)] // dashboard
    [InlineData(360, 12)] // phone
    [InlineData(470, 11)] // PowerPoint
    [InlineData(PageFlow.ContentWidth, 9.5)] // PDF
    public void The_factor_profile_reads_at_every_size_it_is_drawn(double width, double font)
    {
        // At phone width the key wraps onto three lines; the first factor's name was written into the third.
        var table = History[^1];
        foreach (var row in table.Rows.Take(3))
            ShouldRead(FactorProfileChart.Layout(row, table, width, font), $"{row.Brand}'s factor profile at {width}");
    }

    [Theory]
    [InlineData(760, 260, 11)] // dashboard
    [InlineData(360, 260, 12)] // phone
    [InlineData(880, 240, 11)] // PowerPoint
    [InlineData(PageFlow.ContentWidth, 200, 9.5)] // PDF
    public void The_brand_trend_reads_at_every_size_it_is_drawn(double width, double height, double font)
    {
        // At phone width the key ran into "bars: 95 % interval".
        var history = History.Select(t => (Table: t, Row: t.Find(Names[5])!)).ToList();
        ShouldRead(TrendChart.Layout(history, width, height, font), $"trend at {width}");
    }

    [Fact]
    public void Brands_follow_the_latest_waves_rank_order_then_those_seen_only_earlier()
    {
        var dropped = LeagueTable.Build("Crowded", "W4", [.. History[^1].Rows.Skip(1).Select(r => Build.Brand(r.Brand, Settings, [70, 72, 74], [70, 72, 74]))], Settings);
        var missing = History[^1].Rows.First().Brand;

        var brands = SectorTrendChart.Brands([.. History, dropped]);

        brands.Should().HaveCount(Names.Length).And.OnlyHaveUniqueItems();
        brands[^1].Should().Be(missing, "a brand not ranked in the latest wave comes after those that are");
    }
}
