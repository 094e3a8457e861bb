using System.Globalization;
using CxPlus.Scoring;
using Microsoft.Extensions.Configuration;

namespace CxPlus.Data;

/// <summary>Reads the benchmark's <see cref="ScoringSettings"/> from the "Scoring" configuration section (env: Scoring__Cap=4, ...).</summary>
public static class SettingsConfiguration
{
    /// <exception cref="ArgumentException">A setting is not a number or is out of range (the message names it).</exception>
    public static ScoringSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Scoring");
        T Get<T>(string key, T fallback) where T : IParsable<T>
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text)) return fallback;
            return T.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new ArgumentException($"Scoring:{key}: \"{text}\" is not a valid {(typeof(T) == typeof(int) ? "whole number" : "number")}.");
        }
        var weights = section.GetSection("FactorWeights").GetChildren().Select(c => Get<double>($"FactorWeights:{c.Key}", 1)).ToArray();
        var pillarWeights = section.GetSection("PillarWeights").GetChildren().Select(c => Get<double>($"PillarWeights:{c.Key}", 1)).ToArray();
        return new ScoringSettings(
            Get("ScaleMin", 0), Get("ScaleMax", 10), weights.Length > 0 ? weights : null,
            Get("Cap", 5.0), Get("MinCustomers", 100), Get("MinProspects", 50), Get("ConfidenceLevel", 0.95),
            Get("MinDriverBase", 100), pillarWeights.Length > 0 ? pillarWeights : null,
            Get("MinEffectiveShare", 0.5), Get("MinDriverIntervalBase", 400),
            Get("MinSegmentCustomers", 50), Get("MinSegmentProspects", 30));
    }

    /// <summary>
    /// <c>Respondents:RetentionMonths</c>: how long respondent rows are kept after a wave's last import
    /// (<see cref="Importing.RespondentRetention"/>); null when not set (rows are kept until erased or undone).
    /// </summary>
    /// <exception cref="ArgumentException">Not a whole number of months from 1 to 1200.</exception>
    public static int? RetentionMonths(IConfiguration configuration)
    {
        var text = configuration["Respondents:RetentionMonths"];
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months is >= 1 and <= Importing.RespondentRetention.MaxMonths
            ? months
            : throw new ArgumentException($"Respondents:RetentionMonths: \"{text}\" is not a whole number of months from 1 to {Importing.RespondentRetention.MaxMonths}.");
    }

    /// <summary>
    /// <c>Clients:Competitors</c>: how clients see the other members' brands, <c>named</c> (the
    /// default, as the published CX+ tables) or <c>anonymous</c> ("Brand 1", "Brand 2", …).
    /// </summary>
    /// <exception cref="ArgumentException">Neither of the two.</exception>
    public static Clients.CompetitorNames Competitors(IConfiguration configuration) =>
        configuration["Clients:Competitors"]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "named" => Clients.CompetitorNames.Named,
            "anonymous" => Clients.CompetitorNames.Anonymous,
            var other => throw new ArgumentException($"Clients:Competitors: \"{configuration["Clients:Competitors"]}\" is neither named nor anonymous."),
        };

    /// <summary>The connection string, or a sentence saying how to provide one.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(CxPlusStore.ConnectionStringName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "No database is configured: set ConnectionStrings__CxPlus (for the local cluster: export ConnectionStrings__CxPlus=\"$(scripts/pg.sh url)\").");
}
