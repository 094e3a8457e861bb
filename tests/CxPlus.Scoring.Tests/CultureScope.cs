using System.Globalization;

namespace CxPlus.Scoring.Tests;

/// <summary>Runs a test's code as a reader of another language (culture and UI culture), then restores the thread's.</summary>
public sealed class CultureScope : IDisposable
{
    private readonly (CultureInfo, CultureInfo) _before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    public CultureScope(CultureInfo culture) => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);

    public CultureScope(string culture) : this(CultureInfo.GetCultureInfo(culture)) { }

    public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = _before;
}
