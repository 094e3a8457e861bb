using System.Runtime.InteropServices;

namespace CxPlus.Scoring;

/// <summary>
/// Functions of the ICU library that .NET itself uses on Linux (libicuuc, libicui18n), for what .NET
/// does not expose: confusable skeletons (UTS #39) and the bidirectional algorithm (UAX #9). ICU's
/// exported names carry its major version (<c>ubidi_open_72</c>); it is found the way .NET finds it.
/// Where ICU is not there (invariant globalization), nothing is found and callers fall back.
/// </summary>
public static class Icu
{
    private static readonly (int Version, nint Common, nint I18n)? Found = Find();

    /// <summary>The ICU major version in use, or 0 when there is none.</summary>
    public static int Version => Found?.Version ?? 0;

    private static (int, nint, nint)? Find()
    {
        for (var version = 90; version >= 50; version--)
            if (NativeLibrary.TryLoad($"libicuuc.so.{version}", out var common) && NativeLibrary.TryLoad($"libicui18n.so.{version}", out var i18n))
                return (version, common, i18n);
        return null;
    }

    /// <summary>An ICU function as a delegate, from the common (uc) or the i18n library; null when it is not there.</summary>
    public static T? Function<T>(string name, bool i18n = false) where T : Delegate
    {
        if (Found is not { } icu) return null;
        return NativeLibrary.TryGetExport(i18n ? icu.I18n : icu.Common, $"{name}_{icu.Version}", out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : null;
    }
}
