using System.Globalization;
using System.Security.Claims;
using CxPlus.Data.Clients;
using CxPlus.Reports.Charts;
using CxPlus.Reports.Drawing;
using CxPlus.Reports.Localization;
using CxPlus.Scoring;
using Microsoft.AspNetCore.Components;

namespace CxPlus.Web.Features.Clients;

/// <summary>
/// A member's view of the benchmark: its own brands' success factors in full beside the sector's
/// average and best (no brand named), and the league table and gap map of every brand's published
/// headline. Every read goes through <see cref="ClientReads"/> with the signed-in client's scope.
/// </summary>
public partial class BenchmarkPage
{
    [Parameter] public string? Sector { get; set; }
    [Parameter] public string? Wave { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] public string? Direction { get; set; }

    private ClientScope? _scope;
    private Published? _view;
    private IReadOnlyList<string> _waves = [];
    private IReadOnlyList<BrandResult> _own = [];
    private Figure _gapMap = new(1, 1), _gapMapNarrow = new(1, 1);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        (_view, _waves, _own) = (null, [], []);
        var user = await SignedInUserAsync();
        _scope = user?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? await Reads.ScopeOfAsync(id, ct) : null;
        if (_scope is null || _scope.Brands.Count == 0) return;
        // The first of its sectors, else the one the link names (a sector it holds no brand in is "not there").
        var sector = Sector ?? _scope.Sectors[0];
        _waves = await Reads.WavesAsync(_scope, sector, ct);
        var wave = Wave ?? (_waves.Count > 0 ? _waves[^1] : null);
        if (wave is null) return;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        _view = await Reads.LeagueAsync(_scope, sector, wave, k => Texts.Format("Benchmark.AnonymousBrand", k), language, ct);
        _own = await Reads.OwnBrandsAsync(_scope, _view.Table.Sector, _view.Table.Wave, ct);
        var table = _view.Table;
        _gapMap = GapMapChart.Layout(table, 980, 520);
        _gapMapNarrow = GapMapChart.Layout(table, 400, 420, fontSize: 12);
    }

    private static string Link(string sector, string? wave) =>
        wave is null ? $"/benchmark/{Uri.EscapeDataString(sector)}" : $"/benchmark/{Uri.EscapeDataString(sector)}/waves/{Uri.EscapeDataString(wave)}";

    /// <summary>Brand pages are the agency's for now: a client's table links nowhere.</summary>
    private static string? NoLink(string brand) => null;

    private bool Own(string brand) => _scope!.Brands.Any(b => b.Sector == _view!.Table.Sector && Scoring.Names.Same(b.Brand, brand));
}
