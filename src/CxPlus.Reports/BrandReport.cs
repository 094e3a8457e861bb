using System.Globalization;
using CxPlus.Data.League;
using CxPlus.Scoring;
using SkiaSharp;

namespace CxPlus.Reports;

/// <summary>What a brand report shows: the brand's row, its sector's table and its history across waves.</summary>
public sealed record BrandReportData(LeagueTable Table, LeagueRow Row, IReadOnlyList<(LeagueTable Table, LeagueRow Row)> History)
{
    /// <summary>Loads what the brand page and the report show; the wave's table comes out of the trend, not a second query.</summary>
    /// <exception cref="NotFoundException">Sector, wave or brand unknown.</exception>
    public static async Task<BrandReportData> LoadAsync(LeagueQueries queries, string sector, string wave, string brand, CancellationToken ct = default)
    {
        var history = await queries.TrendAsync(sector, brand, ct);
        var current = history.FirstOrDefault(h => string.Equals(h.Table.Wave, wave, StringComparison.OrdinalIgnoreCase));
        if (current.Table is not null) return new BrandReportData(current.Table, current.Row, history);
        // The wave does not exist (LeagueAsync says so, listing the waves) or the brand has no data in it.
        var table = await queries.LeagueAsync(sector, wave, ct);
        throw new NotFoundException($"{table.Sector} has no brand \"{Names.Printable(brand)}\" in {table.Wave}.");
    }
}

/// <summary>
/// The consultant's A4 brand report as PDF (SkiaSharp's PDF backend): cover with the headline
/// numbers and reading; the sector's league table with the brand highlighted and the gap map;
/// the factor profile, the trend and the standard indicators; the methodology with settings and
/// bases. Fonts (DejaVu) are embedded from resources, so the PDF is the same on any machine and
/// its text is selectable.
/// </summary>
public static class BrandReport
{
    private const float Width = 595, Height = 842, Margin = 48;
    private static readonly SKTypeface Regular = LoadFont("DejaVuSans.ttf");
    private static readonly SKTypeface Bold = LoadFont("DejaVuSans-Bold.ttf");
    private static readonly SKColor Ink = new(0x21, 0x21, 0x21), Muted = new(0x66, 0x66, 0x66), Blue = new(0x15, 0x65, 0xc0),
        Green = new(0x2e, 0x7d, 0x32), Orange = new(0xef, 0x6c, 0x00), Red = new(0xc6, 0x28, 0x28), Highlight = new(0xe3, 0xf2, 0xfd);

    private static SKTypeface LoadFont(string file)
    {
        using var stream = typeof(BrandReport).Assembly.GetManifestResourceStream($"CxPlus.Reports.Fonts.{file}")
            ?? throw new InvalidOperationException($"Font resource {file} is missing.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"Font {file} could not be read.");
    }

    public static void Write(BrandReportData data, Stream output, DateTimeOffset made)
    {
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"CX+ brand report: {data.Row.Brand}, {data.Table.Sector} {data.Table.Wave}",
            Author = "CxPlus",
            Creator = "CxPlus",
            Creation = made.UtcDateTime,
            Modified = made.UtcDateTime,
            EncodingQuality = 101,
        };
        using var document = SKDocument.CreatePdf(output, metadata);
        Cover(document.BeginPage(Width, Height), data, made);
        document.EndPage();
        Sector(document.BeginPage(Width, Height), data);
        document.EndPage();
        Profile(document.BeginPage(Width, Height), data, made);
        document.EndPage();
        document.Close();
    }

    private static void Cover(SKCanvas c, BrandReportData d, DateTimeOffset made)
    {
        var r = d.Row.Result;
        var y = Margin + 10;
        Text(c, "CX+ BRAND REPORT", Margin, y, 10, Muted, bold: true);
        y += 40;
        Text(c, d.Row.Brand, Margin, y, 30, Ink, bold: true);
        y += 24;
        Text(c, $"{d.Table.Sector} — wave {d.Table.Wave}", Margin, y, 13, Muted);
        y += 40;
        var boxes = new (string Label, string Value, string Detail)[]
        {
            ("CX+ score", Display.Score(r.Score?.Value), Ci(r.Score, d)),
            ("CX+ index", Display.Index(d.Row.Index), "sector average = 100"),
            ("Rank", d.Row.Rank?.ToString(CultureInfo.InvariantCulture) ?? "not ranked",
                d.Row.Rank is null ? d.Row.Reason ?? "" : $"of {d.Table.Rows.Count(x => x.Eligible)} ranked brands"),
        };
        var w = (Width - 2 * Margin - 20) / 3;
        for (var i = 0; i < boxes.Length; i++) Box(c, Margin + i * (w + 10), y, w, 78, boxes[i]);
        y += 98;
        var second = new (string, string, string)[]
        {
            ("Performance (customers)", Display.Score(r.Performance?.Value), Ci(r.Performance, d)),
            ("Expectation (prospects)", Display.Score(r.Expectation?.Value), Ci(r.Expectation, d)),
            ("Experience Gap", Display.Signed(r.Gap?.Value) + (r.GapSignificant == true ? "*" : ""), $"applied {Display.Signed(r.AppliedGap)}; {Ci(r.Gap, d)}"),
        };
        for (var i = 0; i < second.Length; i++) Box(c, Margin + i * (w + 10), y, w, 78, second[i]);
        y += 110;
        Text(c, "Verdict: " + (r.Verdict?.DisplayName() ?? "not estimable"), Margin, y, 14, VerdictColor(r.Verdict), bold: true);
        y += 22;
        y = Paragraph(c, BrandReading.Describe(d.Row, d.Table), Margin, y, Width - 2 * Margin, 11.5f, Ink);
        y += 16;
        foreach (var warning in LowBaseWarnings(d))
            y = Paragraph(c, "⚠ " + warning, Margin, y, Width - 2 * Margin, 10.5f, Red) + 4;
        Footer(c, d, made, 1);
    }

    private static void Sector(SKCanvas c, BrandReportData d)
    {
        var y = Margin + 10;
        Text(c, $"{d.Table.Sector} league table, {d.Table.Wave}", Margin, y, 16, Ink, bold: true);
        y += 24;
        float[] x = [Margin, Margin + 34, Margin + 200, Margin + 250, Margin + 300, Margin + 350, Margin + 405, Width - Margin];
        string[] head = ["Rank", "Brand", "Index", "CX+", "P", "E", "Gap", "Verdict"];
        for (var i = 0; i < head.Length; i++) Text(c, head[i], x[i], y, 9, Muted, bold: true, right: i is >= 2 and <= 6 || i == 7);
        y += 6;
        Line(c, Margin, y, Width - Margin, y, Muted);
        foreach (var row in d.Table.Rows)
        {
            y += 16;
            if (row.Brand == d.Row.Brand) Rect(c, Margin - 4, y - 12, Width - 2 * Margin + 8, 16, Highlight);
            var res = row.Result;
            string[] cells = [row.Rank?.ToString(CultureInfo.InvariantCulture) ?? "–", Fit(row.Brand, 24), Display.Index(row.Index),
                Display.Score(res.Score?.Value), Display.Score(res.Performance?.Value), Display.Score(res.Expectation?.Value),
                Display.Signed(res.Gap?.Value) + (res.GapSignificant == true ? "*" : ""), row.Eligible ? res.Verdict?.DisplayName() ?? "" : Fit(row.Reason ?? "", 30)];
            for (var i = 0; i < cells.Length; i++)
                Text(c, cells[i], x[i], y, 9, i == 6 ? GapColor(res.Gap?.Value) : Ink, bold: row.Brand == d.Row.Brand, right: i is >= 2 and <= 6 || i == 7);
        }
        y += 18;
        Text(c, $"Sector average CX+ score {Display.Score(d.Table.Average)} = index 100. * significant gap.", Margin, y, 9, Muted);
        y += 30;
        Text(c, "Gap map", Margin, y, 14, Ink, bold: true);
        GapMap(c, d, new SKRect(Margin + 30, y + 14, Width - Margin, y + 330));
    }

    private static void Profile(SKCanvas c, BrandReportData d, DateTimeOffset made)
    {
        var r = d.Row.Result;
        var y = Margin + 10;
        Text(c, "Success factors: customers' experience against prospects' expectation", Margin, y, 13, Ink, bold: true);
        y += 20;
        foreach (var g in r.FactorGaps)
        {
            Text(c, g.Factor.DisplayName(), Margin, y + 12, 9.5f, Ink);
            Bar(c, Margin + 130, y, g.Customer?.Value, Green);
            Bar(c, Margin + 130, y + 12, g.Prospect?.Value, Orange);
            Text(c, Display.Signed(g.Gap?.Value) + (g.Gap?.ExcludesZero == true ? "*" : ""), Width - Margin, y + 12, 10, GapColor(g.Gap?.Value), bold: true, right: true);
            y += 30;
        }
        y += 20;
        Text(c, "Trend across waves", Margin, y, 13, Ink, bold: true);
        Trend(c, d, new SKRect(Margin + 30, y + 30, Width - Margin, y + 210));
        y += 244;
        Text(c, "Standard indicators (customers)", Margin, y, 13, Ink, bold: true);
        y += 18;
        Text(c, $"NPS {Display.Signed(r.Customers.Nps?.Value)} {Ci(r.Customers.Nps, d)}    CSAT {Display.Score(r.Customers.Csat?.Value)} % {Ci(r.Customers.Csat, d)}    CES {Display.Score(r.Customers.Ces?.Value)} {Ci(r.Customers.Ces, d)}",
            Margin, y, 9.5f, Ink);
        y += 28;
        Text(c, "How these numbers are made", Margin, y, 13, Ink, bold: true);
        y += 6;
        var s = d.Table.Settings;
        y = Paragraph(c,
            $"Customers rate the experience and prospects their expectation on five success factors ({s.ScaleMin}–{s.ScaleMax}, rescaled to 0–100; respondents with fewer than {ScoringSettings.MinFactorsRated} factors rated are left out). " +
            $"CX+ score = Performance + applied gap, where a negative gap counts in full and a positive one at most +{s.Cap.ToString("0.#", CultureInfo.InvariantCulture)}. " +
            $"Intervals at {s.ConfidenceLevel.ToString("P0", CultureInfo.InvariantCulture)} confidence (Student's t, Welch–Satterthwaite for combinations). " +
            $"Brands need {s.MinCustomers} customers and {s.MinProspects} prospects to be ranked. " +
            $"Bases for {d.Row.Brand}: {r.Customers.N} customers and {r.Prospects.N} prospects qualifying ({r.Customers.Incomplete} and {r.Prospects.Incomplete} incomplete). Settings: {s}.",
            Margin, y + 12, Width - 2 * Margin, 9.5f, Ink);
        Footer(c, d, made, 3);
    }

    private static IEnumerable<string> LowBaseWarnings(BrandReportData d)
    {
        var s = d.Table.Settings;
        var r = d.Row.Result;
        if (r.Customers.N < s.MinCustomers)
            yield return $"Low base: {r.Customers.N} qualifying customers (fewer than {s.MinCustomers}); the brand is not ranked and its numbers are uncertain.";
        if (r.Prospects.N < s.MinProspects)
            yield return $"Low base: {r.Prospects.N} qualifying prospects (fewer than {s.MinProspects}); the gap is uncertain.";
    }

    private static void GapMap(SKCanvas c, BrandReportData d, SKRect area)
    {
        var cap = d.Table.Settings.Cap;
        var points = d.Table.Rows.Where(r => r.Result.Performance is not null && r.Result.Gap is not null).ToList();
        var xs = points.Select(p => p.Result.Performance!.Value).DefaultIfEmpty(50).ToArray();
        var ys = points.Select(p => p.Result.Gap!.Value).Append(0).Append(cap).ToArray();
        double x0 = Math.Floor(xs.Min() / 5) * 5 - 5, x1 = Math.Ceiling(xs.Max() / 5) * 5 + 5, y0 = Math.Floor(ys.Min() / 5) * 5 - 2, y1 = Math.Ceiling(ys.Max() / 5) * 5 + 2;
        float X(double v) => (float)(area.Left + (v - x0) / (x1 - x0) * area.Width);
        float Y(double v) => (float)(area.Bottom - (v - y0) / (y1 - y0) * area.Height);
        Rect(c, area.Left, area.Top, area.Width, Y(cap) - area.Top, new SKColor(0xff, 0xf4, 0xe5));
        Rect(c, area.Left, Y(cap), area.Width, Y(0) - Y(cap), new SKColor(0xed, 0xf7, 0xed));
        Rect(c, area.Left, Y(0), area.Width, area.Bottom - Y(0), new SKColor(0xfd, 0xed, 0xed));
        Text(c, "Under-promises", area.Left + 4, area.Top + 11, 8, Orange);
        Text(c, "Over-delivers", area.Left + 4, Y(cap) + 11, 8, Green);
        Text(c, "Under-delivers", area.Left + 4, area.Bottom - 4, 8, Red);
        Line(c, area.Left, Y(0), area.Right, Y(0), Ink);
        Line(c, area.Left, Y(cap), area.Right, Y(cap), Muted);
        for (var t = Math.Ceiling(y0 / 5) * 5; t <= y1; t += 5) Text(c, t.ToString("0", CultureInfo.InvariantCulture), area.Left - 4, Y(t) + 3, 8, Muted, right: true);
        for (var t = Math.Ceiling(x0 / 5) * 5; t <= x1; t += 5) Text(c, t.ToString("0", CultureInfo.InvariantCulture), X(t), area.Bottom + 11, 8, Muted, center: true);
        Text(c, "CX Performance Score", (area.Left + area.Right) / 2, area.Bottom + 24, 9, Muted, center: true);
        foreach (var p in points)
        {
            var px = X(p.Result.Performance!.Value);
            var py = Y(p.Result.Gap!.Value);
            using var paint = new SKPaint { Color = Blue, IsAntialias = true, Style = p.Result.GapSignificant == true ? SKPaintStyle.Fill : SKPaintStyle.Stroke, StrokeWidth = 1.5f };
            c.DrawCircle(px, py, p.Brand == d.Row.Brand ? 5.5f : 4, paint);
            Text(c, p.Brand, px + 7, py + 3, 8.5f, Ink, bold: p.Brand == d.Row.Brand);
        }
    }

    private static void Trend(SKCanvas c, BrandReportData d, SKRect area)
    {
        var points = d.History.Select(h => (h.Table.Wave, h.Row.Result)).ToList();
        var series = new (string Name, SKColor Color, Func<BrandResult, Estimate?> Pick)[]
        {
            ("CX+ score", Blue, r => r.Score), ("Performance", Green, r => r.Performance), ("Expectation", Orange, r => r.Expectation),
        };
        var values = points.SelectMany(p => series.Select(s => s.Pick(p.Result))).Where(e => e is not null)
            .SelectMany(e => new[] { e!.Low ?? e.Value, e.High ?? e.Value }).DefaultIfEmpty(50).ToArray();
        double lo = Math.Floor(values.Min() / 5) * 5, hi = Math.Ceiling(values.Max() / 5) * 5 + 0.001;
        float X(int i) => points.Count <= 1 ? area.MidX : area.Left + 20 + i * (area.Width - 40) / (points.Count - 1);
        float Y(double v) => (float)(area.Bottom - (v - lo) / Math.Max(1, hi - lo) * area.Height);
        for (var t = lo; t <= hi; t += 5)
        {
            Line(c, area.Left, Y(t), area.Right, Y(t), new SKColor(0xee, 0xee, 0xee));
            Text(c, t.ToString("0", CultureInfo.InvariantCulture), area.Left - 4, Y(t) + 3, 8, Muted, right: true);
        }
        for (var i = 0; i < points.Count; i++) Text(c, points[i].Wave, X(i), area.Bottom + 11, 8, Muted, center: true);
        var legendX = area.Left;
        foreach (var (name, color, pick) in series)
        {
            Rect(c, legendX, area.Top - 10, 10, 3, color);
            Text(c, name, legendX + 13, area.Top - 6, 8, Ink);
            legendX += 90;
            SKPoint? previous = null;
            for (var i = 0; i < points.Count; i++)
            {
                if (pick(points[i].Result) is not { } e) { previous = null; continue; }
                var p = new SKPoint(X(i), Y(e.Value));
                if (previous is { } q) Line(c, q.X, q.Y, p.X, p.Y, color, 1.8f);
                if (e.Low is { } l && e.High is { } h) Line(c, p.X, Y(l), p.X, Y(h), color, 0.8f);
                using var dot = new SKPaint { Color = color, IsAntialias = true };
                c.DrawCircle(p, 2.8f, dot);
                previous = p;
            }
        }
    }

    private static void Box(SKCanvas c, float x, float y, float w, float h, (string Label, string Value, string Detail) box)
    {
        using var border = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        c.DrawRoundRect(new SKRect(x, y, x + w, y + h), 4, 4, border);
        Text(c, box.Label, x + 10, y + 16, 9, Muted);
        Text(c, box.Value, x + 10, y + 44, 22, Ink, bold: true);
        Text(c, Fit(box.Detail, 34), x + 10, y + 64, 8.5f, Muted);
    }

    private static void Bar(SKCanvas c, float x, float y, double? value, SKColor color)
    {
        var w = (float)((value ?? 0) / 100 * 280);
        Rect(c, x, y + 2, w, 9, color);
        Text(c, Display.Score(value), x + w + 4, y + 10, 8.5f, Ink);
    }

    private static void Footer(SKCanvas c, BrandReportData d, DateTimeOffset made, int page) =>
        Text(c, $"CxPlus · {d.Row.Brand} · {d.Table.Sector} {d.Table.Wave} · made {made.UtcDateTime:yyyy-MM-dd HH:mm} UTC · page {page} of 3",
            Margin, Height - 24, 8, Muted);

    private static float Paragraph(SKCanvas c, string text, float x, float y, float width, float size, SKColor color)
    {
        using var font = new SKFont(Regular, size);
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) > width && line.Length > 0)
            {
                Text(c, line, x, y, size, color);
                y += size * 1.45f;
                line = word;
            }
            else line = candidate;
        }
        if (line.Length > 0) { Text(c, line, x, y, size, color); y += size * 1.45f; }
        return y;
    }

    private static void Text(SKCanvas c, string text, float x, float y, float size, SKColor color, bool bold = false, bool right = false, bool center = false)
    {
        using var font = new SKFont(bold ? Bold : Regular, size);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        c.DrawText(text, x, y, right ? SKTextAlign.Right : center ? SKTextAlign.Center : SKTextAlign.Left, font, paint);
    }

    private static void Line(SKCanvas c, float x0, float y0, float x1, float y1, SKColor color, float width = 0.8f)
    {
        using var paint = new SKPaint { Color = color, StrokeWidth = width, IsAntialias = true };
        c.DrawLine(x0, y0, x1, y1, paint);
    }

    private static void Rect(SKCanvas c, float x, float y, float w, float h, SKColor color)
    {
        using var paint = new SKPaint { Color = color };
        c.DrawRect(x, y, w, h, paint);
    }

    private static string Ci(Estimate? e, BrandReportData d) =>
        e?.Low is null ? "" : $"{d.Table.Settings.ConfidenceLevel.ToString("P0", CultureInfo.InvariantCulture)} CI {Display.Interval(e)}";

    private static string Fit(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";

    private static SKColor GapColor(double? gap) => gap switch { < 0 => Red, > 0 => Green, _ => Ink };

    private static SKColor VerdictColor(Verdict? v) => v switch
    {
        Verdict.UnderDelivers => Red, Verdict.OverDelivers => Green, Verdict.UnderPromises => Orange, _ => Ink,
    };
}
