namespace CxPlus.Web.Components;

/// <summary>Deep links to every view; names are escaped so any brand name round-trips.</summary>
public static class Links
{
    public static string League(string sector, string wave) => $"/sectors/{Uri.EscapeDataString(sector)}/waves/{Uri.EscapeDataString(wave)}";

    public static string Brand(string sector, string wave, string brand) => $"{League(sector, wave)}/brands/{Uri.EscapeDataString(brand)}";
}
