using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Harness.Topology;

/// <summary>One crossing of on-premises transport, where the agent runs.</summary>
public sealed class AgentPass
{
    /// <summary>Creates the record.</summary>
    public AgentPass(int crossing, SubmissionOrigin origin, MessageDirection direction, bool agentRan, IReadOnlyList<string> events, IReadOnlyList<string>? appliedRules = null, IReadOnlyList<string>? idleRules = null)
    {
        AppliedRules = appliedRules ?? Array.Empty<string>();
        IdleRules = idleRules ?? Array.Empty<string>();
        Crossing = crossing;
        Origin = origin;
        Direction = direction;
        AgentRan = agentRan;
        Events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>1 for the first crossing of on-premises transport, 2 for the second...</summary>
    public int Crossing { get; }

    /// <summary>How the message entered, as the agent reads it from the Exchange headers.</summary>
    public SubmissionOrigin Origin { get; }

    /// <summary>The direction that follows from the origin and the recipients.</summary>
    public MessageDirection Direction { get; }

    /// <summary>Whether an agent ran (false when the harness runs without one).</summary>
    public bool AgentRan { get; }

    /// <summary>The rules that acted on the message in this crossing.</summary>
    public IReadOnlyList<string> AppliedRules { get; }

    /// <summary>The rules whose conditions were met in this crossing but that changed nothing, each as <c>name (why)</c>.</summary>
    public IReadOnlyList<string> IdleRules { get; }

    /// <summary>What transport and the agent did.</summary>
    public IReadOnlyList<string> Events { get; }
}
