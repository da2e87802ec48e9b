using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Processing;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// <c>exrules apply --report</c>: over a folder of messages, where content placed "under the newest reply" went — which
/// reply marker decided how often, which messages were bottom-posted, and every part that fell back to its end because
/// no marker was found — so that an admin can find the reply shapes the markers miss and add markers for them.
/// </summary>
internal sealed class PlacementReport
{
    private readonly Dictionary<(string Part, string Marker), int> _byMarker = new();
    private readonly List<string> _fallbacks = new();
    private readonly List<string> _disagreements = new();
    private readonly HashSet<string> _messages = new(StringComparer.Ordinal);
    private readonly HashSet<string> _placedMessages = new(StringComparer.Ordinal);
    private int _belowQuote;
    private int _placements;

    /// <summary>Records the placements of one processed copy of a message file.</summary>
    public void Add(string path, ProcessingResult result)
    {
        _messages.Add(path);
        foreach (var outcome in result.ActionOutcomes.Where(outcome => outcome.Status == ActionStatus.Applied && outcome.Placements.Count > 0))
        {
            _placedMessages.Add(path);
            foreach (var placement in outcome.Placements)
            {
                _placements++;
                if (placement.IsFallback)
                {
                    var others = outcome.Placements.Where(other => !other.IsFallback).Select(other => $"{other.Part} had '{other.Marker}'").ToList();
                    _fallbacks.Add($"{path}: {placement.Part}, rule {outcome.Action.RuleName}{(others.Count > 0 ? " (" + string.Join(", ", others) + ")" : string.Empty)}");
                    continue;
                }

                var key = (placement.Part, placement.Marker ?? string.Empty);
                _byMarker[key] = _byMarker.TryGetValue(key, out var count) ? count + 1 : 1;
                _belowQuote += placement.Position == PlacementPosition.BelowQuote ? 1 : 0;
            }

            if (outcome.Placements.Select(placement => placement.Position).Distinct().Count() > 1)
            {
                _disagreements.Add($"{path}: {string.Join(", ", outcome.Placements.Select(Describe))}");
            }
        }
    }

    /// <summary>Writes the summary.</summary>
    public void WriteTo(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"Placement report: {_messages.Count} message(s), {_placedMessages.Count} with content under the newest reply, {_placements} part placement(s)");
        output.WriteLine("  decided by marker:");
        if (_byMarker.Count == 0)
        {
            output.WriteLine("    (none)");
        }

        foreach (var entry in _byMarker.OrderByDescending(entry => entry.Value).ThenBy(entry => entry.Key.Part, StringComparer.Ordinal).ThenBy(entry => entry.Key.Marker, StringComparer.Ordinal))
        {
            output.WriteLine($"    {entry.Value,5}  {entry.Key.Part,-10}  {entry.Key.Marker}");
        }

        output.WriteLine($"  bottom-posted or interleaved (placed under the author's text below the quote): {_belowQuote} part(s)");
        output.WriteLine($"  fallbacks, no reply marker found (placed at the end of the part): {_fallbacks.Count} part(s)");
        foreach (var fallback in _fallbacks)
        {
            output.WriteLine("    " + fallback);
        }

        output.WriteLine($"  parts of one message placed differently: {_disagreements.Count}");
        foreach (var disagreement in _disagreements)
        {
            output.WriteLine("    " + disagreement);
        }
    }

    /// <summary>The message files for the arguments: a folder stands for every .eml file in it and its subfolders.</summary>
    public static IReadOnlyList<string> ExpandFolders(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            if (System.IO.Directory.Exists(argument))
            {
                files.AddRange(System.IO.Directory.EnumerateFiles(argument, "*.eml", SearchOption.AllDirectories).OrderBy(file => file, StringComparer.Ordinal));
            }
            else
            {
                files.Add(argument);
            }
        }

        return files;
    }

    private static string Describe(PartPlacement placement) => placement.Position switch
    {
        PlacementPosition.EndNoMarker => $"{placement.Part} at its end (no marker)",
        PlacementPosition.BelowQuote => $"{placement.Part} below the quote ('{placement.Marker}')",
        _ => $"{placement.Part} before '{placement.Marker}'",
    };
}
