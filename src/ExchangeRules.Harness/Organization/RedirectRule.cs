using System;
using System.Collections.Generic;

namespace ExchangeRules.Harness.Organization;

/// <summary>
/// An Exchange Online transport rule that routes mail between cloud mailboxes through on-premises
/// (New-TransportRule -RouteMessageOutboundConnector), so the agent can process cloud-to-cloud mail.
/// </summary>
public sealed class RedirectRule
{
    /// <summary>Creates the rule.</summary>
    public RedirectRule(string name, bool enabled, string? exceptIfHeader, IReadOnlyList<string> exceptAddresses)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Enabled = enabled;
        ExceptIfHeader = string.IsNullOrWhiteSpace(exceptIfHeader) ? null : exceptIfHeader;
        ExceptAddresses = exceptAddresses ?? throw new ArgumentNullException(nameof(exceptAddresses));
    }

    /// <summary>The rule's name in Exchange Online.</summary>
    public string Name { get; }

    /// <summary>Whether the rule is enabled.</summary>
    public bool Enabled { get; }

    /// <summary>
    /// The header whose presence stops the rule (-ExceptIfHeaderContainsMessageHeader); without it a message
    /// that already passed on-premises is sent back there again and loops.
    /// </summary>
    public string? ExceptIfHeader { get; }

    /// <summary>Senders and recipients the rule does not apply to (-ExceptIfFrom / -ExceptIfSentTo).</summary>
    public IReadOnlyList<string> ExceptAddresses { get; }
}
