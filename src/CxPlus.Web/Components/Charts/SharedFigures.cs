using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using CxPlus.Reports.Drawing;

namespace CxPlus.Web.Components.Charts;

/// <summary>
/// Figures laid out once per result they draw, and shared by every circuit that shows it. The
/// league queries keep one result object (a table, a history, a priority matrix) per store
/// generation, so a figure keyed by that object is right for as long as the object lives, and the
/// figure goes with it. Without this each open page held its own copy of every layout.
/// </summary>
public static class SharedFigures
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Figure>> Figures = new();

    /// <summary>
    /// The figure of <paramref name="source"/> named <paramref name="variant"/> (size, measure, brand), laid out
    /// on first use, once per language: its words and numbers are written in the reader's.
    /// </summary>
    public static Figure Of(object source, string variant, Func<Figure> layout) =>
        Figures.GetValue(source, _ => new(StringComparer.Ordinal)).GetOrAdd($"{variant}|{CultureInfo.CurrentUICulture.Name}", _ => layout());
}
