using CxPlus.Scoring;

namespace CxPlus.Data.League;

/// <summary>A sector's alerts in a wave (issue 30), against the sector's previous released wave.</summary>
/// <param name="Sector">As the store spells it.</param>
/// <param name="Wave">As the store spells it.</param>
/// <param name="Draft">The wave is not released yet: these are the alerts its release would bring.</param>
/// <param name="PreviousWave">The released wave they are measured against; null when there is none (no alerts then).</param>
/// <param name="Alerts">Brand by brand in table order.</param>
public sealed record SectorAlerts(string Sector, string Wave, bool Draft, string? PreviousWave, IReadOnlyList<Alert> Alerts);

public sealed partial class LeagueQueries
{
    /// <summary>
    /// A sector's alerts in a wave (issue 30): each brand's row against its row in the sector's
    /// previous released wave, as members see the movement; kept for the store generation.
    /// </summary>
    /// <exception cref="NotFoundException">The sector or wave does not exist.</exception>
    public Task<SectorAlerts> AlertsAsync(string sector, string wave, CancellationToken ct = default) =>
        _cache.GetAsync(ResultCache.Key("alerts", sector, wave), async c =>
        {
            var table = await ReleasedLeagueAsync(sector, wave, c);
            var previous = table.PreviousWave is { } before ? await LeagueAsync(table.Sector, before, c) : null;
            return new SectorAlerts(table.Sector, table.Wave, table.Draft, table.PreviousWave, Alerts.Between(table, previous));
        }, ct);
}
