using System;
using System.Collections.Generic;

namespace ExchangeRules.Harness.Topology;

/// <summary>One copy of a message for one recipient, where it ended up and how it got there.</summary>
public sealed class DeliveredCopy
{
    /// <summary>Creates the record.</summary>
    public DeliveredCopy(string sender, string recipient, DeliveryTarget target, byte[] mime, IReadOnlyList<string> path, IReadOnlyList<AgentPass> passes, string detail)
    {
        Sender = sender ?? throw new ArgumentNullException(nameof(sender));
        Recipient = recipient ?? throw new ArgumentNullException(nameof(recipient));
        Target = target;
        Mime = mime ?? throw new ArgumentNullException(nameof(mime));
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Passes = passes ?? throw new ArgumentNullException(nameof(passes));
        Detail = detail ?? string.Empty;
    }

    /// <summary>The envelope sender.</summary>
    public string Sender { get; }

    /// <summary>The recipient this copy is for.</summary>
    public string Recipient { get; }

    /// <summary>Where the copy ended up.</summary>
    public DeliveryTarget Target { get; }

    /// <summary>The bytes as delivered, with every header transport and the agent added.</summary>
    public byte[] Mime { get; }

    /// <summary>The hops, in order, in words.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>Every crossing of on-premises transport.</summary>
    public IReadOnlyList<AgentPass> Passes { get; }

    /// <summary>The NDR or queue reason for bounced and queued copies; empty otherwise.</summary>
    public string Detail { get; }

    /// <summary>The Exchange Online mailbox whose forwarding created this copy, or <see langword="null"/> for the original message.</summary>
    public string? ForwardedBy { get; init; }

    /// <summary>How many of <see cref="Passes"/> happened before the forwarded copy was created (0 for the original message).</summary>
    public int PassesBeforeForward { get; init; }

    /// <summary>
    /// Whether the agent ran on this copy as it is: for a forwarded copy, only a crossing after the forward counts,
    /// because the rules that decide on the forwarded copy (its sender, its outside recipient) never saw it before.
    /// </summary>
    public bool ProcessedAsDelivered
    {
        get
        {
            for (var i = PassesBeforeForward; i < Passes.Count; i++)
            {
                if (Passes[i].AgentRan)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Whether the mail drop recognised the copy as delivered before (a retried submission) and did not write it again.</summary>
    public bool IsDuplicate { get; internal set; }

    /// <summary>Where the harness wrote the copy, once delivered to disk (for a duplicate: where the first copy went).</summary>
    public string? File { get; internal set; }
}
