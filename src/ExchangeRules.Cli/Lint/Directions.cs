using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Cli.Lint;

/// <summary>
/// The message directions a rule can act on (internal, outgoing, incoming), worked out from its scope conditions
/// only: direction, senderScope, recipientScope (ours) or FromScope, SentToScope (Exchange's). Other conditions
/// narrow a rule further, so two rules whose directions meet may still never meet on one message; the lint says so.
/// </summary>
internal sealed class Directions
{
    public static readonly string[] All = { "internal", "outgoing", "incoming" };

    private readonly HashSet<string> _set;

    public Directions(IEnumerable<string> directions)
    {
        _set = new HashSet<string>(directions, StringComparer.Ordinal);
    }

    public bool IsEmpty => _set.Count == 0;

    /// <summary>The directions a sender scope (<c>inside</c>/<c>outside</c>) allows.</summary>
    public static IEnumerable<string> OfSenderScope(string scope) => scope == "inside" ? new[] { "internal", "outgoing" } : new[] { "incoming" };

    /// <summary>The directions a recipient scope allows (an outside recipient of an outside sender is relayed mail, counted as incoming).</summary>
    public static IEnumerable<string> OfRecipientScope(string scope) => scope == "inside" ? new[] { "internal", "incoming" } : new[] { "outgoing", "incoming" };

    public Directions Intersect(IEnumerable<string> other) => new(_set.Intersect(other, StringComparer.Ordinal));

    public Directions Except(IEnumerable<string> other) => new(_set.Except(other, StringComparer.Ordinal));

    public Directions Intersect(Directions other) => Intersect(other._set);

    public override string ToString() => _set.Count == 0 ? "no mail" : string.Join(" and ", All.Where(_set.Contains)) + " mail";
}
