using System;
using System.Collections.Generic;

namespace ExchangeRules.Harness.Topology;

/// <summary>One copy of a message for one recipient, where it ended up and how it got there.</summary>
public sealed class DeliveredCopy
{
    // What the copies that went the same way share is held once: a message to 10,000 recipients makes 10,000 copies,
    // alive together until the message is delivered, and every field of each is marked by each collection meanwhile.
    private Route _route;

    /// <summary>Creates the record.</summary>
    public DeliveredCopy(string sender, string recipient, DeliveryTarget target, byte[] mime, IReadOnlyList<string> path, IReadOnlyList<AgentPass> passes, string detail)
        : this(recipient, new Route(sender, target, mime, path, passes, detail, forwardedBy: null, passesBeforeForward: 0))
    {
    }

    /// <summary>A copy for <paramref name="recipient"/> that went the <paramref name="route"/> shared with other recipients.</summary>
    internal DeliveredCopy(string recipient, Route route)
    {
        Recipient = recipient ?? throw new ArgumentNullException(nameof(recipient));
        _route = route;
    }

    /// <summary>What this copy shares with the other copies that went the same way.</summary>
    internal Route SharedRoute => _route;

    /// <summary>The envelope sender.</summary>
    public string Sender => _route.Sender;

    /// <summary>The recipient this copy is for.</summary>
    public string Recipient { get; }

    /// <summary>Where the copy ended up.</summary>
    public DeliveryTarget Target => _route.Target;

    /// <summary>The bytes as delivered, with every header transport and the agent added.</summary>
    public byte[] Mime => _route.Mime;

    /// <summary>The hops, in order, in words.</summary>
    public IReadOnlyList<string> Path => _route.Path;

    /// <summary>Every crossing of on-premises transport.</summary>
    public IReadOnlyList<AgentPass> Passes => _route.Passes;

    /// <summary>The NDR or queue reason for bounced and queued copies; empty otherwise.</summary>
    public string Detail => _route.Detail;

    /// <summary>The Exchange Online mailbox whose forwarding created this copy, or <see langword="null"/> for the original message.</summary>
    public string? ForwardedBy
    {
        get => _route.ForwardedBy;
        init => _route = new Route(_route.Sender, _route.Target, _route.Mime, _route.Path, _route.Passes, _route.Detail, value, _route.PassesBeforeForward);
    }

    /// <summary>How many of <see cref="Passes"/> happened before the forwarded copy was created (0 for the original message).</summary>
    public int PassesBeforeForward
    {
        get => _route.PassesBeforeForward;
        init => _route = new Route(_route.Sender, _route.Target, _route.Mime, _route.Path, _route.Passes, _route.Detail, _route.ForwardedBy, value);
    }

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

    /// <summary>Where a group of copies went and how: everything of a copy but its recipient and what the mail drop records.</summary>
    internal sealed class Route
    {
        public Route(string sender, DeliveryTarget target, byte[] mime, IReadOnlyList<string> path, IReadOnlyList<AgentPass> passes, string detail, string? forwardedBy, int passesBeforeForward)
        {
            Sender = sender ?? throw new ArgumentNullException(nameof(sender));
            Target = target;
            Mime = mime ?? throw new ArgumentNullException(nameof(mime));
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Passes = passes ?? throw new ArgumentNullException(nameof(passes));
            Detail = detail ?? string.Empty;
            ForwardedBy = forwardedBy;
            PassesBeforeForward = passesBeforeForward;
        }

        public string Sender { get; }

        public DeliveryTarget Target { get; }

        public byte[] Mime { get; }

        public IReadOnlyList<string> Path { get; }

        public IReadOnlyList<AgentPass> Passes { get; }

        public string Detail { get; }

        public string? ForwardedBy { get; }

        public int PassesBeforeForward { get; }
    }
}
