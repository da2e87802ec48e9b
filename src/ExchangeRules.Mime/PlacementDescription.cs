using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Editing;

namespace ExchangeRules.Mime;

/// <summary>The decision trace's words for content placed under the newest reply: per part, what decided and where.</summary>
internal static class PlacementDescription
{
    public static string Describe(string kind, IReadOnlyList<string> changedParts, IReadOnlyList<PartPlacement> placements)
    {
        // The changed parts with the charset each was written in, then where each placement went and what decided it.
        var into = "into " + string.Join(" and ", changedParts);
        var detail = placements.Count == 0
            ? $"inserted {kind} under the newest reply {into}"
            : $"inserted {kind} under the newest reply {into}: {string.Join("; ", placements.Select(Of))}";
        var disagreement = Disagreement(placements);
        return disagreement is null ? detail : $"{detail}; {disagreement}";
    }

    /// <summary>Why the two alternatives of a message were placed differently, or <see langword="null"/> when they agree.</summary>
    public static string? Disagreement(IReadOnlyList<PartPlacement> placements)
    {
        if (placements.Count < 2 || placements[0].Position == placements[1].Position)
        {
            return null;
        }

        var found = placements.FirstOrDefault(p => !p.IsFallback);
        var missing = placements.FirstOrDefault(p => p.IsFallback);
        if (found is not null && missing is not null)
        {
            return $"the parts disagree: {missing.Part} has no reply marker this editor knows, while {found.Part} has '{found.Marker}'";
        }

        return $"the parts disagree: {placements[0].Part} is {Layout(placements[0])}, {placements[1].Part} is {Layout(placements[1])}";
    }

    private static string Of(PartPlacement placement) => placement.Position switch
    {
        PlacementPosition.BelowQuote => $"{placement.Part} at line {placement.Line}, under the author's text that follows the quote (bottom-posted or interleaved reply; quote starts with marker '{placement.Marker}')",
        PlacementPosition.EndNoMarker => $"{placement.Part} at line {placement.Line}, at the end of the part: no reply marker found (fallback)",
        _ => $"{placement.Part} at line {placement.Line}, before marker '{placement.Marker}'",
    };

    private static string Layout(PartPlacement placement) => placement.Position switch
    {
        PlacementPosition.BelowQuote => "bottom-posted",
        PlacementPosition.EndNoMarker => "without a marker",
        _ => "top-posted",
    };
}
