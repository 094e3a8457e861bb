using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CxPlus.Reports.Drawing;
using Microsoft.AspNetCore.Components;

namespace CxPlus.Web.Components.Charts;

public partial class FigureSvg
{

    [Parameter, EditorRequired] public Figure Figure { get; set; } = null!;
    [Parameter, EditorRequired] public string Label { get; set; } = "";
    [Parameter] public string? TestId { get; set; }
    /// <summary>Where a point links to (by its key), or null when it is not a link.</summary>
    [Parameter] public Func<string, string?>? Link { get; set; }
    [Parameter] public string Hint { get; set; } = "";

    // Figures are shared per cached result (SharedFigures), so their drawing is too, with its digest.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Figure, Drawn> Plain = new();

    private sealed record Drawn(string Markup, byte[] Digest);

    private string _drawing = "", _key = "";

    protected override void OnParametersSet()
    {
        var drawn = Plain.GetValue(Figure, figure =>
        {
            var markup = Draw(figure);
            return new Drawn(markup, System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(markup)));
        });
        _drawing = drawn.Markup;
        using var digest = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        digest.AppendData(drawn.Digest);
        void Add(string? text) { digest.AppendData(Encoding.UTF8.GetBytes(text ?? "")); digest.AppendData([0]); }
        foreach (var part in new[] { Label, TestId, Hint, F(Figure.Width), F(Figure.Height) }) Add(part);
        foreach (var p in Figure.Points)
            foreach (var part in new[] { p.Key, p.Summary, p.Group, Link?.Invoke(p.Key), F(p.X), F(p.Y), F(p.Radius) }) Add(part);
        _key = "figure-" + Convert.ToHexStringLower(digest.GetHashAndReset(), 0, 16);
    }

    /// <summary>The drawn parts as SVG markup; every text and colour is encoded. Parts of a series (a brand) carry its name in <c>data-group</c>, so the browser can pick the series out.</summary>
    private static string Draw(Figure figure)
    {
        var svg = new StringBuilder(figure.Texts.Count * 160 + figure.Lines.Count * 120 + 256);
        void Attribute(string name, string? value)
        {
            if (value is not null) svg.Append(' ').Append(name).Append("=\"").Append(HtmlEncoder.Default.Encode(value)).Append('"');
        }
        foreach (var r in figure.Rects)
        {
            svg.Append("<rect");
            Attribute("x", F(r.Box.Left)); Attribute("y", F(r.Box.Top)); Attribute("width", F(r.Box.Width)); Attribute("height", F(r.Box.Height));
            Attribute("rx", F(r.Radius)); Attribute("fill", r.Fill); Attribute("stroke", r.Stroke ?? "none"); Attribute("stroke-width", F(r.StrokeWidth));
            svg.Append("/>");
        }
        foreach (var l in figure.Lines)
        {
            svg.Append("<line");
            Attribute("x1", F(l.X1)); Attribute("y1", F(l.Y1)); Attribute("x2", F(l.X2)); Attribute("y2", F(l.Y2));
            Attribute("stroke", l.Color); Attribute("stroke-width", F(l.Width)); Attribute("stroke-dasharray", l.Dashed ? "4 3" : null);
            Attribute("data-group", l.Group);
            svg.Append("/>");
        }
        foreach (var m in figure.Markers)
        {
            if (m.Diamond)
            {
                var half = m.Radius * 0.85;
                svg.Append("<rect");
                Attribute("x", F(m.X - half)); Attribute("y", F(m.Y - half)); Attribute("width", F(2 * half)); Attribute("height", F(2 * half));
                Attribute("transform", $"rotate(45 {F(m.X)} {F(m.Y)})");
            }
            else
            {
                svg.Append("<circle");
                Attribute("cx", F(m.X)); Attribute("cy", F(m.Y)); Attribute("r", F(m.Radius));
            }
            Attribute("fill", m.Fill ?? "white"); Attribute("stroke", m.Stroke); Attribute("stroke-width", F(m.StrokeWidth));
            Attribute("data-group", m.Group);
            svg.Append("/>");
        }
        svg.Append("<g class=\"figure-texts\">");
        foreach (var t in figure.Texts)
        {
            svg.Append("<text");
            Attribute("x", F(t.X)); Attribute("y", F(t.Baseline)); Attribute("font-size", F(t.Size));
            Attribute("font-weight", t.Bold ? "bold" : null);
            Attribute("fill", t.Color); Attribute("data-group", t.Group);
            if (t.Halo is { } halo)
            {
                Attribute("stroke", halo); Attribute("stroke-width", F(FigureText.HaloWidth));
                Attribute("stroke-linejoin", "round"); Attribute("paint-order", "stroke");
            }
            Attribute("text-anchor", t.Anchor switch { TextAnchor.Middle => "middle", TextAnchor.End => "end", _ => "start" });
            svg.Append('>').Append(HtmlEncoder.Default.Encode(t.Text)).Append("</text>");
        }
        svg.Append("</g>");
        return svg.ToString();
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
