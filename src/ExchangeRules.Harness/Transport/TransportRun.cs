using System;
using System.Collections.Generic;

namespace ExchangeRules.Harness.Transport;

/// <summary>What one pass through on-premises transport did to a mail item.</summary>
public sealed class TransportRun
{
    /// <summary>Creates the result.</summary>
    public TransportRun(IReadOnlyList<TransportItem> delivered, IReadOnlyList<TransportItem> queued, IReadOnlyList<string> events, bool agentRan, IReadOnlyList<string>? appliedRules = null, IReadOnlyList<string>? idleRules = null)
    {
        AppliedRules = appliedRules ?? Array.Empty<string>();
        IdleRules = idleRules ?? Array.Empty<string>();
        Delivered = delivered ?? throw new ArgumentNullException(nameof(delivered));
        Queued = queued ?? throw new ArgumentNullException(nameof(queued));
        Events = events ?? throw new ArgumentNullException(nameof(events));
        AgentRan = agentRan;
    }

    /// <summary>The items (one per copy after forks) that leave the pipeline for routing and delivery.</summary>
    public IReadOnlyList<TransportItem> Delivered { get; }

    /// <summary>Items that stay in the queue: still deferred after the retries, or in the poison queue after a crash.</summary>
    public IReadOnlyList<TransportItem> Queued { get; }

    /// <summary>What happened, one line per event, in order (agent decisions, warnings, crashes).</summary>
    public IReadOnlyList<string> Events { get; }

    /// <summary>The rules that acted on the message in this pass, in order, without repeats (empty when none or unknown).</summary>
    public IReadOnlyList<string> AppliedRules { get; }

    /// <summary>
    /// The rules whose conditions the message met but that changed nothing in this pass, each as <c>name (why)</c>, for
    /// example a block that rendered empty (empty when none or unknown).
    /// </summary>
    public IReadOnlyList<string> IdleRules { get; }

    /// <summary>Whether an agent saw the message.</summary>
    public bool AgentRan { get; }
}
