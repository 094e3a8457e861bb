using System.Runtime.InteropServices;
using System.Text;
using CxPlus.Scoring;
using SkiaSharp;

namespace CxPlus.Reports.Drawing;

/// <summary>
/// Text as the eye reads it, for Skia, which lays glyphs out left to right as they come (PDF and the
/// deck's chart images; the browser does all of this itself for the dashboard's SVG):
/// <list type="bullet">
/// <item>right-to-left runs (Hebrew, Arabic) put in display order by Unicode's bidirectional
/// algorithm (UAX #9, ICU's ubidi), with Arabic letters in their joined forms (ICU's u_shapeArabic):
/// a Hebrew brand name in a footer came out reversed;</item>
/// <item>characters the report's font lacks drawn from a font of the machine's that has them, or
/// else in their compatibility form (fullwidth "ＢＡＮＫ" as "BANK"), never as empty boxes.</item>
/// </list>
/// </summary>
public static class VisualText
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)] // ICU's UChar is UTF-16
    private delegate nint OpenDelegate();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)] // ICU's UChar is UTF-16
    private delegate void SetParaDelegate(nint bidi, [MarshalAs(UnmanagedType.LPWStr)] string text,
        int length, byte paragraphLevel, nint embeddingLevels, ref int status);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)] // ICU's UChar is UTF-16
    private delegate int WriteReorderedDelegate(nint bidi, [Out] char[] destination, int capacity, ushort options, ref int status);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)] // ICU's UChar is UTF-16
    private delegate void CloseDelegate(nint bidi);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)] // ICU's UChar is UTF-16
    private delegate int ShapeArabicDelegate([MarshalAs(UnmanagedType.LPWStr)] string source,
        int length, [Out] char[] destination, int capacity, uint options, ref int status);

    private static readonly OpenDelegate? Open = Icu.Function<OpenDelegate>("ubidi_open");
    private static readonly SetParaDelegate? SetPara = Icu.Function<SetParaDelegate>("ubidi_setPara");
    private static readonly WriteReorderedDelegate? WriteReordered = Icu.Function<WriteReorderedDelegate>("ubidi_writeReordered");
    private static readonly CloseDelegate? Close = Icu.Function<CloseDelegate>("ubidi_close");
    private static readonly ShapeArabicDelegate? ShapeArabic = Icu.Function<ShapeArabicDelegate>("u_shapeArabic");

    // The reports are written left to right: every line is a left-to-right paragraph, also a wrapped
    // line that happens to start with a Hebrew word (which would otherwise turn the whole line around).
    private const byte LeftToRight = 0; // UBIDI_LTR
    private const ushort DoMirroring = 2, RemoveBidiControls = 8; // UBIDI_DO_MIRRORING, UBIDI_REMOVE_BIDI_CONTROLS
    private const uint ShapeLetters = 8; // U_SHAPE_LETTERS_SHAPE, logical order, length kept

    /// <summary>The text in display order, as drawn left to right; itself when it has no right-to-left letter (or no ICU).</summary>
    public static string Ordered(string logical)
    {
        if (!HasRightToLeft(logical) || Open is null || SetPara is null || WriteReordered is null || Close is null) return logical;
        var text = HasArabic(logical) ? Shaped(logical) : logical;
        var bidi = Open();
        try
        {
            var status = 0;
            SetPara(bidi, text, text.Length, LeftToRight, 0, ref status);
            if (status > 0) return logical;
            var buffer = new char[text.Length + 8];
            var length = WriteReordered(bidi, buffer, buffer.Length, DoMirroring | RemoveBidiControls, ref status);
            return status > 0 ? logical : new string(buffer, 0, length);
        }
        finally
        {
            Close(bidi);
        }
    }

    /// <summary>What to draw with which typeface: <see cref="Ordered"/>, with the report's font or one that has every glyph.</summary>
    public static (string Text, SKTypeface Typeface) For(string logical, SKTypeface typeface)
    {
        var text = Ordered(logical);
        if (Covers(typeface, text)) return (text, typeface);
        var missing = text.EnumerateRunes().First(r => !Covers(typeface, r.ToString()));
        var fallback = Fallbacks.GetOrAdd((typeface.FamilyName, typeface.FontStyle.Weight, missing.Value),
            k => SKFontManager.Default.MatchCharacter(k.Family, typeface.FontStyle, null, k.Rune));
        if (fallback is not null && Covers(fallback, text)) return (text, fallback);
        return (text.Normalize(NormalizationForm.FormKC), typeface);
    }

    /// <summary>The machine's font for a character the report's font lacks (or none), found once per character.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Family, int Weight, int Rune), SKTypeface?> Fallbacks = new();

    private static bool Covers(SKTypeface typeface, string text)
    {
        using var font = new SKFont(typeface);
        var glyphs = font.GetGlyphs(text);
        return !glyphs.Contains((ushort)0);
    }

    private static string Shaped(string logical)
    {
        if (ShapeArabic is null) return logical;
        var buffer = new char[logical.Length + 8];
        var status = 0;
        var length = ShapeArabic(logical, logical.Length, buffer, buffer.Length, ShapeLetters, ref status);
        return status > 0 ? logical : new string(buffer, 0, length);
    }

    private static bool HasRightToLeft(string text)
    {
        foreach (var c in text)
            if (c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF') return true;
        return false;
    }

    private static bool HasArabic(string text)
    {
        foreach (var c in text)
            if (c is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\u08A0' and <= '\u08FF') return true;
        return false;
    }
}
