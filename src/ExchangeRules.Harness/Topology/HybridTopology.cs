using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Transport;
using MimeKit;
using MimeKit.Utils;

namespace ExchangeRules.Harness.Topology;

/// <summary>
/// Simulates mail flow in a hybrid organisation: internet, Exchange Online and on-premises transport, with
/// the hybrid connectors, centralized mail transport, the cloud redirect rule, the header firewall and loop
/// detection. Every crossing of on-premises transport runs the <see cref="IOnPremisesTransport"/>.
/// </summary>
public sealed class HybridTopology
{
    private readonly OrganizationModel _organization;
    private readonly IOnPremisesTransport _transport;
    private readonly int _maxTransits;

    /// <summary>Creates the simulation.</summary>
    /// <param name="organization">The organisation.</param>
    /// <param name="transport">On-premises transport with its agents.</param>
    /// <param name="maxTransits">Transits after which a message is treated as looping (Exchange NDRs it with 5.4.14).</param>
    public HybridTopology(OrganizationModel organization, IOnPremisesTransport transport, int maxTransits = 12)
    {
        _organization = organization ?? throw new ArgumentNullException(nameof(organization));
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _maxTransits = maxTransits;
    }

    /// <summary>The organisation being simulated.</summary>
    public OrganizationModel Organization => _organization;

    /// <summary>Sends a message through the organisation and returns one record per recipient copy.</summary>
    public IReadOnlyList<DeliveredCopy> Submit(Submission submission, CancellationToken cancellationToken)
    {
        if (submission is null)
        {
            throw new ArgumentNullException(nameof(submission));
        }

        var hybrid = _organization.Hybrid;
        if (hybrid is null && submission.Entry == EntryPoint.CloudMailbox)
        {
            throw new ArgumentException("The organisation has no Exchange Online side (no <hybrid> element), so no cloud mailbox can send.", nameof(submission));
        }

        // An on-premises mailbox client's message reaches transport as Summary TNEF (Mailbox Transport Submission).
        var (content, submitted) = submission.Entry == EntryPoint.OnPremisesMailbox
            ? MailboxTransportSubmission.Submit(_organization.Find(submission.AuthenticatedMailbox ?? submission.Sender), submission.Content)
            : (submission.Content, null);
        var first = submission.Entry switch
        {
            EntryPoint.Internet when hybrid?.Mx == MxTarget.ExchangeOnline =>
                new Leg(Site.ExchangeOnline, Arrival.Internet, submission, "internet → Exchange Online (MX points to Exchange Online)"),
            EntryPoint.Internet => new Leg(Site.OnPremises, Arrival.Internet, submission, "internet → on-premises (MX points to on-premises)"),
            EntryPoint.OnPremisesMailbox => new Leg(Site.OnPremises, Arrival.Client, submission, "submitted by on-premises mailbox " + submission.Sender),
            _ => new Leg(Site.ExchangeOnline, Arrival.Client, submission, "submitted by Exchange Online mailbox " + submission.Sender),
        };

        // Read by the first hop's header edit, never kept: the caller may reuse the submitted buffer once Submit returns.
        first.Arrived = content;
        if (submitted is not null)
        {
            first.Path[0] += "; " + submitted;
        }

        // One copy per recipient at least: sized once instead of doubling through the large object heap.
        var copies = new List<DeliveredCopy>(submission.Recipients.Count);
        var legs = new Queue<Leg>();
        legs.Enqueue(first);
        while (legs.Count > 0)
        {
            var leg = legs.Dequeue();
            leg.Transits++;
            if (leg.Transits > _maxTransits)
            {
                leg.KeepArrived();
                Finish(copies, leg, leg.Recipients, DeliveryTarget.Bounced, "554 5.4.14 Hop count exceeded - possible mail loop");
                continue;
            }

            Receive(leg);
            if (leg.At == Site.OnPremises)
            {
                RouteOnPremises(leg, legs, copies, cancellationToken);
            }
            else
            {
                RouteExchangeOnline(leg, legs, copies);
            }
        }

        return copies;
    }

    private void Receive(Leg leg)
    {
        var onPremises = leg.At == Site.OnPremises;
        var host = onPremises ? _organization.Server : ExchangeHeaders.ExchangeOnlineHost;
        var from = leg.Via switch
        {
            Arrival.Internet => "mail.internet.example ([192.0.2.25])",
            Arrival.Client => "client ([127.0.0.1]) by authenticated submission",
            Arrival.Forward => "mailbox forwarding of " + leg.ForwardedBy,
            _ => onPremises ? ExchangeHeaders.ExchangeOnlineHost : _organization.Server,
        };

        // Only the top-level header block changes, as in Exchange: parsing the whole message (MimeKit builds every
        // address list) took seconds for a To header with 10,000 addresses, on every hop.
        var source = leg.Arrived ?? new ArraySegment<byte>(leg.Mime);
        leg.Arrived = null;
        leg.Mime = HeaderBlock.Edit(source, headers => Stamp(headers, leg.Via, onPremises, host, from));
    }

    private static void Stamp(HeaderList headers, Arrival via, bool onPremises, string host, string from)
    {
        switch (via)
        {
            case Arrival.Internet:
                ExchangeHeaders.StripTransportHeaders(headers);
                ExchangeHeaders.StampAuthentication(headers, isInternal: false, host);
                if (!onPremises)
                {
                    headers[ExchangeHeaders.MessageDirectionality] = "Incoming";
                }

                break;
            case Arrival.Client:
            case Arrival.Forward:
                ExchangeHeaders.StripTransportHeaders(headers);
                ExchangeHeaders.StampAuthentication(headers, isInternal: true, host);
                if (!onPremises)
                {
                    headers[ExchangeHeaders.MessageDirectionality] = "Originating";
                }

                break;
            default:
                ExchangeHeaders.PromoteCrossPremises(headers);
                break;
        }

        headers.Insert(0, new Header("Received", $"from {from} by {host} with ESMTPS; {DateUtils.FormatDate(DateTimeOffset.UtcNow)}"));
    }

    private void RouteOnPremises(Leg leg, Queue<Leg> legs, List<DeliveredCopy> copies, CancellationToken cancellationToken)
    {
        // The transport gets the recipients as submitted: its categorizer expands groups between OnSubmittedMessage
        // and OnResolvedMessage, as Exchange's does.
        var run = _transport.Run(new TransportItem(leg.Sender, leg.Recipients, leg.Mime), _organization, cancellationToken);
        var origin = ExchangeHeaders.ClassifyOrigin(HeaderBlock.ReadForTransport(leg.Mime));

        // The direction needs the first external recipient only: resolved one at a time, not listed in full.
        var pass = new AgentPass(leg.Passes.Count + 1, origin, DirectionOf(origin, Categorizer.ResolveGroups(_organization, leg.Recipients)), run.AgentRan, run.Events, run.AppliedRules, run.IdleRules);
        leg.Passes.Add(pass);
        leg.Path.Add($"on-premises transport ({_organization.Server}), crossing {pass.Crossing}: seen as {origin}, {pass.Direction}; " + string.Join("; ", run.Events));

        if (run.Delivered.Count == 0 && run.Queued.Count == 0)
        {
            Finish(copies, leg, Categorizer.ExpandGroups(_organization, leg.Recipients), DeliveryTarget.Dropped, run.Events.Count > 0 ? run.Events[run.Events.Count - 1] : "no copy left on-premises transport");
            return;
        }

        foreach (var queued in run.Queued)
        {
            Finish(copies, leg.With(queued), queued.Recipients, DeliveryTarget.Queued, "the message stays in the on-premises queue");
        }

        foreach (var item in run.Delivered)
        {
            // Recipients are gathered by where they go and each group finished once: per-recipient work over the
            // whole message (a copy of the leg, the internet copy's header strip) made 10,000 recipients quadratic.
            var delivered = leg.With(item);
            var recipients = Expand(leg, item.Recipients, r => r.Kind == RecipientKind.OnPremisesGroup);
            var ways = new Way[recipients.Count];
            var counts = new int[_wayCount];
            for (var i = 0; i < recipients.Count; i++)
            {
                ways[i] = WayOnPremises(recipients[i], delivered, copies);
                counts[(int)ways[i]]++;
            }

            // One list per way of exactly its size: lists grown by doubling to 10,000 addresses left arrays on the
            // large object heap, whose collections are gen2 ones.
            var local = Pick(recipients, ways, Way.Local, counts);
            var toCloud = Pick(recipients, ways, Way.Cloud, counts);
            var internet = Pick(recipients, ways, Way.Internet, counts);
            if (local.Count > 0)
            {
                Finish(copies, delivered, local, DeliveryTarget.OnPremisesMailbox, string.Empty);
            }

            if (internet.Count > 0)
            {
                var outbound = leg.With(item);
                outbound.Path.Add("on-premises → internet (send connector)");
                Finish(copies, outbound, internet, DeliveryTarget.Internet, string.Empty);
            }

            if (toCloud.Count > 0)
            {
                var next = leg.With(item).MoveTo(Site.ExchangeOnline, toCloud);
                var targets = toCloud.Select(r => _organization.Find(r) is { } known ? _organization.TargetAddressOf(known) : r);
                next.Path.Add($"on-premises → Exchange Online (hybrid send connector, to {string.Join(", ", targets)})");
                legs.Enqueue(next);
            }
        }
    }

    /// <summary>Where on-premises transport sends the copy for <paramref name="recipient"/>; a bounce is finished here, in order.</summary>
    private Way WayOnPremises(string recipient, Leg delivered, List<DeliveredCopy> copies)
    {
        switch (_organization.Route(recipient))
        {
            case RecipientLocation.OnPremises:
                return Way.Local;
            case RecipientLocation.Cloud:
                return Way.Cloud;
            case RecipientLocation.UnknownInternal when _organization.Hybrid is not null
                && _organization.FindAcceptedDomain(OrganizationModel.DomainOf(recipient))?.Type == AcceptedDomainType.InternalRelay:
                return Way.Cloud;
            case RecipientLocation.UnknownInternal:
                Finish(copies, delivered, new[] { recipient }, DeliveryTarget.Bounced,
                    $"550 5.1.10 RESOLVER.ADR.RecipientNotFound; {recipient} is not known on-premises and {OrganizationModel.DomainOf(recipient)} is authoritative there");
                return Way.Bounced;
            default:
                return Way.Internet;
        }
    }

    private static List<string> Pick(List<string> recipients, Way[] ways, Way way, int[] counts)
    {
        if (counts[(int)way] == recipients.Count)
        {
            // All of them go this way (10,000 internet recipients): the list itself, not a copy; nothing changes it.
            return recipients;
        }

        var picked = new List<string>(counts[(int)way]);
        for (var i = 0; i < recipients.Count; i++)
        {
            if (ways[i] == way)
            {
                picked.Add(recipients[i]);
            }
        }

        return picked;
    }

    private void RouteExchangeOnline(Leg leg, Queue<Leg> legs, List<DeliveredCopy> copies)
    {
        var hybrid = _organization.Hybrid!;
        var recipients = Expand(leg, leg.Recipients, r => r.IsGroup);
        var headers = HeaderBlock.Read(leg.Mime);
        var isInternal = string.Equals(headers[ExchangeHeaders.AuthAs], "Internal", StringComparison.OrdinalIgnoreCase);
        var rule = hybrid.RedirectRule;
        if (rule is { Enabled: true } && isInternal && recipients.Any(r => _organization.Find(r)?.LivesInCloud == true))
        {
            var skip = RedirectRuleException(rule, leg.Sender, recipients, headers);
            if (skip is null)
            {
                var next = leg.MoveTo(Site.OnPremises, recipients);
                next.Path.Add($"Exchange Online: transport rule '{rule.Name}' routes the message to on-premises through '{hybrid.OutboundConnector}'");
                legs.Enqueue(next);
                return;
            }

            leg.Path.Add($"Exchange Online: transport rule '{rule.Name}' does not apply ({skip})");
        }

        // Microsoft, "Transport routing in Exchange hybrid deployments": with centralized mail transport, Exchange
        // Online routes inbound internet mail for the organisation's recipients to on-premises first, and
        // on-premises sends what belongs to Exchange Online back over the hybrid connector.
        var inboundThroughOnPremises = leg.Via == Arrival.Internet && hybrid.CentralizedMailTransport;

        // Microsoft KB 3194415: a message that already came from on-premises is not routed back there, so a copy an
        // Exchange Online mailbox forwards after the message crossed on-premises leaves from Exchange Online.
        var forwardedAfterOnPremises = leg.Via == Arrival.Forward && leg.Passes.Count > 0;
        var toOnPremises = new List<string>();
        var inbound = false;
        var forwards = new List<OrganizationRecipient>();
        var mailboxes = new List<string>();
        var direct = new List<string>();
        foreach (var recipient in recipients)
        {
            var known = _organization.Find(recipient);
            if (known is { LivesInCloud: true } && inboundThroughOnPremises)
            {
                toOnPremises.Add(recipient);
                inbound = true;
            }
            else if (known is { LivesInCloud: true })
            {
                if (known.ForwardTo is null || known.DeliverToMailboxAndForward)
                {
                    mailboxes.Add(recipient);
                }

                if (known.ForwardTo is not null)
                {
                    forwards.Add(known);
                }
            }
            else if (known is not null)
            {
                toOnPremises.Add(recipient);
            }
            else if (_organization.IsAcceptedDomain(OrganizationModel.DomainOf(recipient)))
            {
                Finish(copies, leg, new[] { recipient }, DeliveryTarget.Bounced,
                    "550 5.4.1 Recipient address rejected: Access denied (directory-based edge blocking: the address exists nowhere)");
            }
            else if (!isInternal)
            {
                Finish(copies, leg, new[] { recipient }, DeliveryTarget.Bounced, "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain");
            }
            else if (hybrid.CentralizedMailTransport && !forwardedAfterOnPremises)
            {
                toOnPremises.Add(recipient);
            }
            else
            {
                direct.Add(recipient);
            }
        }

        if (mailboxes.Count > 0)
        {
            Finish(copies, leg, mailboxes, DeliveryTarget.ExchangeOnlineMailbox, string.Empty);
        }

        if (direct.Count > 0)
        {
            var outbound = leg.Clone();
            outbound.Path.Add(forwardedAfterOnPremises
                ? "Exchange Online → internet directly (the message already crossed on-premises; Exchange Online does not route it back, KB 3194415)"
                : "Exchange Online → internet directly (centralized mail transport is off)");
            Finish(copies, outbound, direct, DeliveryTarget.Internet, string.Empty);
        }

        if (toOnPremises.Count > 0)
        {
            var next = leg.MoveTo(Site.OnPremises, toOnPremises);
            var external = toOnPremises.Any(r => _organization.Find(r) is null);
            next.Path.Add(inbound
                ? $"Exchange Online → on-premises through '{hybrid.OutboundConnector}' (centralized mail transport: internet mail for the organisation is routed through on-premises first)"
                : external
                ? $"Exchange Online → on-premises through '{hybrid.OutboundConnector}' (centralized mail transport)"
                : $"Exchange Online → on-premises through '{hybrid.OutboundConnector}' (recipient mailbox is on-premises)");
            legs.Enqueue(next);
        }

        foreach (var mailbox in forwards)
        {
            var forward = leg.Forward(mailbox.PrimaryAddress, mailbox.ForwardTo!);
            forward.Path.Add($"Exchange Online: the mailbox {mailbox.PrimaryAddress} forwards to {mailbox.ForwardTo} (ForwardingSmtpAddress"
                + (mailbox.DeliverToMailboxAndForward ? ", keeping a copy)" : ")"));
            legs.Enqueue(forward);
        }
    }

    private string? RedirectRuleException(RedirectRule rule, string sender, IReadOnlyList<string> recipients, HeaderList headers)
    {
        if (rule.ExceptAddresses.Any(a => a.Equals(sender, StringComparison.OrdinalIgnoreCase)))
        {
            return $"the sender {sender} is excluded";
        }

        var excluded = recipients.FirstOrDefault(r => rule.ExceptAddresses.Any(a => _organization.Find(a)?.HasAddress(r) == true || a.Equals(r, StringComparison.OrdinalIgnoreCase)));
        if (excluded is not null)
        {
            return $"the recipient {excluded} is excluded";
        }

        return rule.ExceptIfHeader is not null && headers.Contains(rule.ExceptIfHeader)
            ? $"the message carries {rule.ExceptIfHeader}"
            : null;
    }

    private List<string> Expand(Leg leg, IReadOnlyCollection<string> recipients, Func<OrganizationRecipient, bool> expandable)
    {
        var where = leg.At == Site.OnPremises ? "on-premises" : "Exchange Online";
        var result = new List<string>(recipients.Count);
        result.AddRange(Categorizer.Resolve(_organization, recipients, expandable, group => leg.Path.Add($"{where} expands group {group}")));
        return result;
    }

    private MessageDirection DirectionOf(SubmissionOrigin origin, IEnumerable<string> recipients)
    {
        if (origin is SubmissionOrigin.Anonymous or SubmissionOrigin.Unknown)
        {
            return MessageDirection.Incoming;
        }

        return recipients.Any(r => _organization.Locate(r) == RecipientLocation.External) ? MessageDirection.Outgoing : MessageDirection.Internal;
    }

    private static void Finish(List<DeliveredCopy> copies, Leg leg, IEnumerable<string> recipients, DeliveryTarget target, string detail)
    {
        var mime = leg.Mime;
        var path = leg.Path.ToList();
        if (target == DeliveryTarget.Internet)
        {
            // Exchange never lets organisation headers leave the organisation.
            mime = HeaderBlock.Edit(mime, ExchangeHeaders.StripTransportHeaders);

            // The categorizer converts what leaves the organisation to MIME after the agents' routing events; copies for
            // mailboxes (on-premises, or Exchange Online over the hybrid connector) keep the TNEF.
            if (ContentConversion.IsSummaryTnef(mime))
            {
                var where = leg.At == Site.OnPremises ? "on-premises categorizer" : "Exchange Online";
                mime = ContentConversion.ToMime(mime, out var failure);
                var step = failure is null
                    ? $"content conversion ({where}): Summary TNEF → MIME for recipients outside the organisation"
                    : $"content conversion ({where}) failed, the TNEF is sent as it is: {failure}";
                var hop = path.FindLastIndex(p => p.Contains("→ internet", StringComparison.Ordinal));
                path.Insert(hop < 0 ? path.Count : hop, step);
            }
        }

        path.Add(target switch
        {
            DeliveryTarget.OnPremisesMailbox => "delivered to the on-premises mailbox",
            DeliveryTarget.ExchangeOnlineMailbox => "delivered to the Exchange Online mailbox",
            DeliveryTarget.Internet => "delivered to the internet",
            DeliveryTarget.Queued => "queued: " + detail,
            DeliveryTarget.Dropped => "dropped: " + detail,
            _ => "bounced: " + detail,
        });
        var route = new DeliveredCopy.Route(leg.Sender, target, mime, path, leg.Passes.ToList(), detail, leg.ForwardedBy, leg.PassesBeforeForward);
        foreach (var recipient in recipients)
        {
            copies.Add(new DeliveredCopy(recipient, route));
        }
    }

    private const int _wayCount = 4;

    /// <summary>Where on-premises transport sends a recipient's copy.</summary>
    private enum Way : byte
    {
        Local,
        Cloud,
        Internet,
        Bounced,
    }

    private enum Site
    {
        OnPremises,
        ExchangeOnline,
    }

    private enum Arrival
    {
        Internet,
        Client,
        HybridConnector,

        /// <summary>A copy an Exchange Online mailbox's forwarding created (a new submission from that mailbox).</summary>
        Forward,
    }

    private sealed class Leg
    {
        public Leg(Site at, Arrival via, Submission submission, string firstStep)
        {
            At = at;
            Via = via;
            Sender = submission.Sender;
            // Shared, not copied: Submit runs to its end before the caller can change the list, and no copy keeps it.
            Recipients = submission.Recipients;
            Mime = Array.Empty<byte>();
            Path = new List<string> { firstStep };
            Passes = new List<AgentPass>();
        }

        private Leg(Leg other)
        {
            At = other.At;
            Via = other.Via;
            Sender = other.Sender;
            // Recipient lists are never changed once made, so copies of a leg share them (a leg with 10,000 recipients
            // is copied three times per crossing).
            Recipients = other.Recipients;
            Mime = other.Mime;
            Arrived = other.Arrived;
            Path = other.Path.ToList();
            Passes = other.Passes.ToList();
            Transits = other.Transits;
            ForwardedBy = other.ForwardedBy;
            PassesBeforeForward = other.PassesBeforeForward;
        }

        public Site At { get; private set; }

        public Arrival Via { get; private set; }

        public string Sender { get; private set; }

        public IReadOnlyList<string> Recipients { get; private set; }

        public byte[] Mime { get; set; }

        /// <summary>The submitted bytes, until the first hop's header edit has made the leg's own version of them.</summary>
        public ArraySegment<byte>? Arrived { get; set; }

        public List<string> Path { get; }

        public List<AgentPass> Passes { get; }

        public int Transits { get; set; }

        public string? ForwardedBy { get; private set; }

        public int PassesBeforeForward { get; private set; }

        public Leg Clone() => new(this);

        /// <summary>A leg finished before its first hop keeps a copy of the submitted bytes, which belong to the caller.</summary>
        public void KeepArrived()
        {
            if (Arrived is { } arrived)
            {
                Mime = new byte[arrived.Count];
                Buffer.BlockCopy(arrived.Array!, arrived.Offset, Mime, 0, arrived.Count);
                Arrived = null;
            }
        }

        public Leg With(TransportItem item)
        {
            var copy = new Leg(this) { Mime = item.Mime };
            copy.Sender = item.Sender;
            copy.Recipients = item.Recipients;
            return copy;
        }

        /// <summary>The copy a forwarding mailbox sends: a new message from that mailbox, submitted in Exchange Online.</summary>
        public Leg Forward(string mailbox, string target) => new(this)
        {
            At = Site.ExchangeOnline,
            Via = Arrival.Forward,
            Sender = mailbox,
            Recipients = new List<string> { target },
            ForwardedBy = mailbox,
            PassesBeforeForward = Passes.Count,
        };

        public Leg MoveTo(Site site, IEnumerable<string> recipients)
        {
            var copy = new Leg(this) { At = site, Via = Arrival.HybridConnector, Recipients = recipients.ToList() };
            copy.Mime = HeaderBlock.Edit(copy.Mime, ExchangeHeaders.DemoteToCrossPremises);
            return copy;
        }
    }
}
