using System.Runtime.InteropServices;
using System.Text;

namespace CxPlus.Scoring;

/// <summary>
/// Unicode's confusable skeleton (UTS #39, section 4): two strings with one skeleton look alike
/// ("Bаnk" with a Cyrillic а and "Bank", "ＢＡＮＫ" and "BANK", "0" and "O"). Computed by ICU's
/// <c>uspoof_getSkeleton</c> from the ICU library .NET itself uses on Linux (libicui18n), so the
/// confusables data is Unicode's own and as current as the machine's ICU; nothing of it is copied
/// here. Where ICU is not there (invariant globalization), <see cref="Available"/> is false and
/// the skeleton is the NFKC form alone.
/// </summary>
public static class ConfusableSkeleton
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)] // ICU's UChar is UTF-16
    private delegate nint OpenDelegate(ref int status);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)] // ICU's UChar is UTF-16
    private delegate int GetSkeletonDelegate(nint checker, uint type, [MarshalAs(UnmanagedType.LPWStr)] string id, int length,
        [Out] char[] destination, int capacity, ref int status);

    private static readonly nint Checker;
    private static readonly GetSkeletonDelegate? GetSkeleton;

    static ConfusableSkeleton()
    {
        var open = Icu.Function<OpenDelegate>("uspoof_open", i18n: true);
        var skeleton = Icu.Function<GetSkeletonDelegate>("uspoof_getSkeleton", i18n: true);
        if (open is null || skeleton is null) return;
        var status = 0;
        var checker = open(ref status);
        if (status > 0 || checker == 0) return;
        // A checker once opened is only read: ICU allows it on many threads at once.
        (Checker, GetSkeleton) = (checker, skeleton);
    }

    /// <summary>Whether ICU's confusables are in use (else only NFKC folds look-alikes).</summary>
    public static bool Available => GetSkeleton is not null;

    /// <summary>The skeleton of a text: NFKC first (fullwidth and compatibility forms), then UTS #39's mapping.</summary>
    public static string Of(string text)
    {
        var compatible = text.Normalize(NormalizationForm.FormKC);
        if (GetSkeleton is null || compatible.Length == 0) return compatible;
        var buffer = new char[Math.Max(16, compatible.Length * 4)];
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var status = 0;
            var length = GetSkeleton(Checker, 0, compatible, compatible.Length, buffer, buffer.Length, ref status);
            if (status == 15 /* U_BUFFER_OVERFLOW_ERROR */) { buffer = new char[length + 1]; continue; }
            return status > 0 ? compatible : new string(buffer, 0, length);
        }
        return compatible;
    }
}
