using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Cli.Replay;

/// <summary>What changed between two results for the same recipient of the same message (for <c>exrules diff</c>).</summary>
internal static class ResultComparer
{
    /// <summary>One readable line per difference; empty when the recipient receives the same.</summary>
    public static IReadOnlyList<string> Compare(RecipientResult before, RecipientResult after)
    {
        var differences = new List<string>();
        if (before.Outcome != after.Outcome)
        {
            differences.Add($"outcome: {Name(before)} -> {Name(after)}");
        }

        AddSetChange(differences, "rules", before.Rules, after.Rules);
        AddSetChange(differences, "blocks", before.Blocks.Select(block => block.Key).ToList(), after.Blocks.Select(block => block.Key).ToList());
        foreach (var block in after.Blocks.Where(block => before.Blocks.Any(old => old.Key == block.Key && old.ContentHash != block.ContentHash)))
        {
            differences.Add($"block {block.Key}: its text changed ({block.Kind} {before.Blocks.First(old => old.Key == block.Key).ContentHash} -> {block.ContentHash})");
        }

        AddSetChange(differences, "actions", before.Actions, after.Actions);
        foreach (var name in before.Headers.Keys.Union(after.Headers.Keys, StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            before.Headers.TryGetValue(name, out var old);
            after.Headers.TryGetValue(name, out var now);
            if (!(old ?? Array.Empty<string>()).SequenceEqual(now ?? Array.Empty<string>(), StringComparer.Ordinal))
            {
                differences.Add($"header {name}: {Values(old)} -> {Values(now)}");
            }
        }

        return differences;
    }

    private static string Name(RecipientResult result) =>
        result.Outcome.ToString().ToLowerInvariant() + (result.Reason.Length > 0 ? " (" + result.Reason + ")" : string.Empty);

    private static string Values(IReadOnlyList<string>? values) =>
        values is null ? "absent" : "\"" + string.Join("\", \"", values) + "\"";

    private static void AddSetChange(List<string> differences, string what, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var removed = before.Except(after, StringComparer.Ordinal).Select(item => "- " + item);
        var added = after.Except(before, StringComparer.Ordinal).Select(item => "+ " + item);
        var changes = removed.Concat(added).ToList();
        if (changes.Count > 0)
        {
            differences.Add($"{what}: {string.Join("; ", changes)}");
        }
    }
}
