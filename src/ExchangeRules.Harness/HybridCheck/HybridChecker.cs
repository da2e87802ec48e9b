using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Processing.Transport;
using MimeKit;

namespace ExchangeRules.Harness.HybridCheck;

/// <summary>
/// Sends a synthetic message through the simulated organisation for every hybrid flow and explains, per flow,
/// whether on-premises transport (and so the agent) sees it, why, and what to change: the configuration is
/// varied (CMT on, MX on-premises, a redirect rule with the right exclusions) to find a change that works.
/// </summary>
public static class HybridChecker
{
    /// <summary>The header the agent writes on every message it processed (<see cref="ProcessedMarker.Name"/>); the redirect rule must except it.</summary>
    public const string DefaultMarkerHeader = ProcessedMarker.Name;

    private const string _external = "someone@external.example";

    /// <summary>Runs every flow.</summary>
    /// <param name="organization">The organisation.</param>
    /// <param name="transport">On-premises transport (the real rules, or <see cref="MarkerOnlyTransport"/>).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static HybridCheckReport Run(OrganizationModel organization, IOnPremisesTransport transport, CancellationToken cancellationToken)
    {
        if (organization is null)
        {
            throw new ArgumentNullException(nameof(organization));
        }

        var flows = new List<FlowReport>();
        foreach (var flow in Flows(organization))
        {
            flows.Add(Check(organization, transport, flow, cancellationToken));
        }

        var commands = flows.SelectMany(f => f.Advice).Where(a => a.StartsWith("PS> ", StringComparison.Ordinal))
            .Select(a => a.Substring(4)).Distinct(StringComparer.Ordinal).ToList();
        var bouncing = flows.SelectMany(f => f.Copies).Where(c => c.Target == DeliveryTarget.Bounced)
            .Select(c => $"{c.Recipient}: {c.Detail}").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new HybridCheckReport(flows, commands, bouncing);
    }

    private static FlowReport Check(OrganizationModel organization, IOnPremisesTransport transport, Flow flow, CancellationToken cancellationToken)
    {
        var copies = Simulate(organization, transport, flow, cancellationToken);
        var current = new FlowReport(flow.Name, flow.Sender, flow.Recipient, copies, string.Empty, Array.Empty<string>());
        var advice = new List<string>();
        string verdict;
        if (current.Failed)
        {
            var failure = copies.First(c => c.Target is DeliveryTarget.Bounced or DeliveryTarget.Queued);
            verdict = $"FAILS: {failure.Target.ToString().ToLowerInvariant()} ({failure.Detail})";
            advice.AddRange(FixFailure(organization, transport, flow, failure, cancellationToken));
        }
        else if (current.Processed)
        {
            verdict = "processed: " + WhyOnPremises(copies[0]);
            if (current.Crossings > 1)
            {
                verdict += $"; crosses on-premises transport {current.Crossings} times, the agent must stamp it once";
            }
        }
        else if (copies.FirstOrDefault(c => c.ForwardedBy is not null && !c.ProcessedAsDelivered) is { } forwarded)
        {
            verdict = "NOT processed: " + WhyForwardNot(organization, forwarded);
            var change = FindChange(organization, transport, flow, cancellationToken);
            advice.AddRange(change.Length > 0 && !change[0].StartsWith("no ", StringComparison.Ordinal) ? change : ForwardingAdvice(forwarded));
        }
        else
        {
            verdict = "NOT processed: " + WhyNot(organization, flow);
            advice.AddRange(FindChange(organization, transport, flow, cancellationToken));
        }

        return new FlowReport(flow.Name, flow.Sender, flow.Recipient, copies, verdict, advice);
    }

    private static List<DeliveredCopy> Simulate(OrganizationModel organization, IOnPremisesTransport transport, Flow flow, CancellationToken cancellationToken)
    {
        var topology = new HybridTopology(organization, transport);
        return topology.Submit(new Submission(flow.Entry, flow.Sender, new[] { flow.Recipient }, SyntheticMessage(flow)), cancellationToken).ToList();
    }

    private static string[] FindChange(OrganizationModel organization, IOnPremisesTransport transport, Flow flow, CancellationToken cancellationToken)
    {
        var hybrid = organization.Hybrid;
        if (hybrid is null)
        {
            return new[] { "no hybrid settings in the organisation file" };
        }

        foreach (var (variant, advice) in Variants(organization, hybrid))
        {
            var copies = Simulate(variant, transport, flow, cancellationToken);
            var report = new FlowReport(flow.Name, flow.Sender, flow.Recipient, copies, string.Empty, Array.Empty<string>());
            if (report.Processed && !report.Failed)
            {
                return advice;
            }
        }

        var recipient = organization.Find(flow.Recipient);
        return recipient?.Kind is RecipientKind.CloudOnly or RecipientKind.CloudOnlyGroup
            ? new[] { "no change makes this flow safe: on-premises does not know cloud-only objects, so keep them excluded from the redirect rule (their mail stays unprocessed)" }
            : new[] { "no hybrid setting routes this flow through on-premises transport" };
    }

    private static IEnumerable<(OrganizationModel Variant, string[] Advice)> Variants(OrganizationModel organization, HybridSettings hybrid)
    {
        if (!hybrid.CentralizedMailTransport)
        {
            yield return (With(organization, new HybridSettings(hybrid.TenantDomain, true, hybrid.Mx, hybrid.OutboundConnector, hybrid.RedirectRule)), new[]
            {
                "enable centralized mail transport (Hybrid Configuration Wizard: 'Enable centralized mail transport'), or in Exchange Online PowerShell:",
                $"PS> Set-OutboundConnector -Identity {Quote(hybrid.OutboundConnector)} -RouteAllMessagesViaOnPremises $true",
            });
        }

        if (hybrid.Mx == MxTarget.ExchangeOnline)
        {
            yield return (With(organization, new HybridSettings(hybrid.TenantDomain, hybrid.CentralizedMailTransport, MxTarget.OnPremises, hybrid.OutboundConnector, hybrid.RedirectRule)), new[]
            {
                $"point the MX records of {string.Join(", ", organization.AcceptedDomains.Select(d => d.Name))} to on-premises, so internet mail reaches on-premises transport first",
            });
        }

        var rule = SuggestedRule(organization, hybrid);
        if (hybrid.RedirectRule is not { Enabled: true } || !SameRule(hybrid.RedirectRule, rule))
        {
            yield return (With(organization, new HybridSettings(hybrid.TenantDomain, hybrid.CentralizedMailTransport, hybrid.Mx, hybrid.OutboundConnector, rule)),
                RuleAdvice(organization, hybrid, rule).ToArray());
        }
    }

    private static IEnumerable<string> FixFailure(OrganizationModel organization, IOnPremisesTransport transport, Flow flow, DeliveredCopy failure, CancellationToken cancellationToken)
    {
        var hybrid = organization.Hybrid;
        var advice = new List<string>();
        if (failure.Detail.Contains("5.4.14") && hybrid?.RedirectRule is { } loopingRule)
        {
            var marker = DefaultMarkerHeader;
            advice.Add(loopingRule.ExceptIfHeader is { } other && !other.Equals(marker, StringComparison.OrdinalIgnoreCase)
                ? $"the message loops between Exchange Online and on-premises: the rule '{loopingRule.Name}' excepts {other}, which the agent writes only on messages a rule edited; except the marker it writes on every processed message, {marker}:"
                : $"the message loops between Exchange Online and on-premises: the rule '{loopingRule.Name}' needs an exception for the agent's marker header {marker}:");
            advice.Add($"PS> Set-TransportRule -Identity {Quote(loopingRule.Name)} -ExceptIfHeaderMatchesMessageHeader {Quote(marker)} -ExceptIfHeaderMatchesPatterns '.+'");
            return advice;
        }

        var recipient = organization.Find(failure.Recipient);
        if (recipient?.Kind is RecipientKind.CloudOnly or RecipientKind.CloudOnlyGroup && hybrid is not null)
        {
            // Only mail a cloud mailbox sends reaches on-premises through the redirect rule; internet mail does through
            // centralized mail transport, and then the fix is the accepted domain, not the rule.
            if (failure.Passes.Count > 0 && flow.Entry == EntryPoint.CloudMailbox && hybrid.RedirectRule is { } rule)
            {
                advice.Add($"{failure.Recipient} is a cloud-only object: exclude it from the rule '{rule.Name}' so its mail stays in Exchange Online:");
                advice.Add($"PS> Set-TransportRule -Identity {Quote(rule.Name)} -ExceptIfSentTo {string.Join(",", CloudOnly(organization, rule).Select(Quote))}");
            }
            else
            {
                var domain = OrganizationModel.DomainOf(failure.Recipient);
                advice.Add($"on-premises does not know the cloud-only object {failure.Recipient}: make {domain} a shared address space so on-premises relays unknown addresses to Exchange Online (on-premises Exchange Management Shell), or create a mail contact for it on-premises:");
                advice.Add($"PS> Set-AcceptedDomain -Identity {Quote(domain)} -DomainType InternalRelay");
            }

            return advice;
        }

        var fixedBy = FindChange(organization, transport, flow, cancellationToken).ToList();
        advice.Add("the address exists nowhere in the organisation file; check the address");
        return fixedBy.Count > 0 && fixedBy[0].StartsWith("no ", StringComparison.Ordinal) ? advice : advice.Concat(fixedBy);
    }

    private static RedirectRule SuggestedRule(OrganizationModel organization, HybridSettings hybrid)
    {
        var existing = hybrid.RedirectRule;
        var marker = DefaultMarkerHeader;
        var excluded = (existing?.ExceptAddresses ?? Array.Empty<string>())
            .Concat(organization.Recipients.Where(r => r.Kind is RecipientKind.CloudOnly or RecipientKind.CloudOnlyGroup).Select(r => r.PrimaryAddress))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new RedirectRule(existing?.Name ?? "Route cloud mail through on-premises", true, marker, excluded);
    }

    private static bool SameRule(RedirectRule current, RedirectRule suggested) =>
        string.Equals(current.ExceptIfHeader, suggested.ExceptIfHeader, StringComparison.OrdinalIgnoreCase)
        && suggested.ExceptAddresses.All(a => current.ExceptAddresses.Contains(a, StringComparer.OrdinalIgnoreCase));

    private static IEnumerable<string> RuleAdvice(OrganizationModel organization, HybridSettings hybrid, RedirectRule rule)
    {
        var cloudOnly = CloudOnly(organization, rule).ToList();
        var verb = hybrid.RedirectRule is null ? "New-TransportRule -Name" : "Set-TransportRule -Identity";
        yield return "create (or fix) the Exchange Online transport rule that routes mail between cloud mailboxes through on-premises, excluding the cloud-only objects on-premises does not know"
            + (cloudOnly.Count > 0 ? $" ({string.Join(", ", cloudOnly)}; their mail would bounce on-premises)" : string.Empty)
            + " and stopping at the agent's marker header so the message returns only once (Exchange Online PowerShell):";
        var command = $"PS> {verb} {Quote(rule.Name)} -FromScope InOrganization -SentToScope InOrganization"
            + $" -RouteMessageOutboundConnector {Quote(hybrid.OutboundConnector)}"
            + $" -ExceptIfHeaderMatchesMessageHeader {Quote(rule.ExceptIfHeader ?? DefaultMarkerHeader)} -ExceptIfHeaderMatchesPatterns '.+'";
        if (cloudOnly.Count > 0)
        {
            command += " -ExceptIfSentTo " + string.Join(",", cloudOnly.Select(Quote));
        }

        yield return command;
        if (cloudOnly.Count > 0)
        {
            yield return "note: -ExceptIfSentTo skips the whole message when any recipient is excluded, so mail to a cloud-only object and a cloud mailbox together is not processed";
        }
    }

    private static IEnumerable<string> CloudOnly(OrganizationModel organization, RedirectRule rule) =>
        organization.Recipients.Where(r => r.Kind is RecipientKind.CloudOnly or RecipientKind.CloudOnlyGroup).Select(r => r.PrimaryAddress)
            .Concat(rule.ExceptAddresses).Distinct(StringComparer.OrdinalIgnoreCase);

    private static string WhyOnPremises(DeliveredCopy copy)
    {
        var index = copy.Path.ToList().FindIndex(p => p.StartsWith("on-premises transport", StringComparison.Ordinal));
        return index <= 0 ? "it crosses on-premises transport" : "it crosses on-premises transport after: " + copy.Path[index - 1];
    }

    private static string WhyNot(OrganizationModel organization, Flow flow)
    {
        var hybrid = organization.Hybrid!;
        var recipient = organization.Find(flow.Recipient);
        var sender = organization.Find(flow.Sender);
        if (flow.Entry == EntryPoint.Internet)
        {
            return hybrid.CentralizedMailTransport
                ? "internet mail arrives at Exchange Online (MX) and is delivered there without passing on-premises"
                : "internet mail arrives at Exchange Online (MX) and, with centralized mail transport off, is delivered to the cloud mailbox there, never passing on-premises";
        }

        if (recipient is null)
        {
            return "Exchange Online sends internet mail of cloud mailboxes directly (centralized mail transport is off)";
        }

        if (hybrid.RedirectRule is { Enabled: true } rule && (rule.ExceptAddresses.Any(recipient.HasAddress) || (sender is not null && rule.ExceptAddresses.Any(sender.HasAddress))))
        {
            return $"the rule '{rule.Name}' excludes this object, so the message stays in Exchange Online";
        }

        return "mail between cloud mailboxes stays in Exchange Online unless a transport rule routes it through on-premises";
    }

    private static string WhyForwardNot(OrganizationModel organization, DeliveredCopy forwarded)
    {
        var start = $"the mailbox {forwarded.ForwardedBy} forwards to {forwarded.Recipient} in Exchange Online, and the forwarded copy ";
        if (forwarded.PassesBeforeForward > 0)
        {
            return start + "is created after the message crossed on-premises; Exchange Online does not route a message back to on-premises (Microsoft KB 3194415), so the copy leaves from Exchange Online and the rules for its sender and outside recipient never see it";
        }

        return organization.Hybrid?.CentralizedMailTransport == true
            ? start + "stays in Exchange Online"
            : start + "leaves from Exchange Online directly (centralized mail transport is off)";
    }

    private static string[] ForwardingAdvice(DeliveredCopy forwarded) => new[]
    {
        $"no hybrid setting routes the copy {forwarded.ForwardedBy} forwards through on-premises once the message has crossed it; if the forwarded copy must carry your outgoing stamps, forward from on-premises instead of mailbox forwarding in Exchange Online, or accept that forwarded copies leave unprocessed. To remove the forwarding (Exchange Online PowerShell): Set-Mailbox -Identity {Quote(forwarded.ForwardedBy!)} -ForwardingSmtpAddress $null -ForwardingAddress $null",
    };

    private static OrganizationModel With(OrganizationModel organization, HybridSettings hybrid) =>
        new(organization.Name, organization.Server, organization.AcceptedDomains, organization.Recipients, hybrid, organization.Directory);

    private static string Quote(string value) => "'" + value.Replace("'", "''") + "'";

    private static byte[] SyntheticMessage(Flow flow)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(flow.Sender));
        message.To.Add(MailboxAddress.Parse(flow.Recipient));
        message.Subject = "hybrid-check: " + flow.Name;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("hybrid-check.invalid");
        message.Date = DateTimeOffset.UtcNow;
        message.Body = new TextPart("plain") { Text = "Synthetic message sent by exrules hybrid-check." };
        using var stream = new MemoryStream();
        message.WriteTo(Transport.WireFormat.Options, stream);
        return stream.ToArray();
    }

    private static IEnumerable<Flow> Flows(OrganizationModel organization)
    {
        var onPremises = organization.Recipients.Where(r => r.Kind == RecipientKind.OnPremisesMailbox).Select(r => r.PrimaryAddress).ToList();
        var remote = organization.Recipients.Where(r => r.Kind == RecipientKind.RemoteMailbox).ToList();
        var cloud = (remote.Any(r => r.ForwardTo is null) ? remote.Where(r => r.ForwardTo is null) : remote).Select(r => r.PrimaryAddress).ToList();
        var forwarding = organization.Recipients.Where(r => r.LivesInCloud && r.ForwardTo is not null).ToList();
        var cloudOnly = organization.Recipients.Where(r => r.Kind is RecipientKind.CloudOnly or RecipientKind.CloudOnlyGroup).Select(r => r.PrimaryAddress).ToList();
        var mx = organization.Hybrid?.Mx == MxTarget.ExchangeOnline ? "MX at Exchange Online" : "MX on-premises";
        var cmt = organization.Hybrid?.CentralizedMailTransport == true ? "CMT on" : "CMT off";
        var rule = organization.Hybrid?.RedirectRule is { Enabled: true } ? "with redirect rule" : "without redirect rule";

        if (onPremises.Count > 0)
        {
            yield return new Flow($"internet → on-premises mailbox ({mx})", EntryPoint.Internet, _external, onPremises[0]);
            yield return new Flow($"internet (spoofed internal sender) → on-premises mailbox ({mx})", EntryPoint.Internet, onPremises[^1], onPremises[0]);
            yield return new Flow("on-premises → internet", EntryPoint.OnPremisesMailbox, onPremises[0], _external);
            yield return new Flow("on-premises → on-premises", EntryPoint.OnPremisesMailbox, onPremises[0], onPremises[^1]);
        }

        if (organization.Hybrid is null)
        {
            yield break;
        }

        if (cloud.Count > 0)
        {
            yield return new Flow($"internet → cloud mailbox ({mx})", EntryPoint.Internet, _external, cloud[0]);
            yield return new Flow($"cloud → internet ({cmt})", EntryPoint.CloudMailbox, cloud[0], _external);
            yield return new Flow($"cloud → cloud ({rule})", EntryPoint.CloudMailbox, cloud[0], cloud[^1]);
            if (onPremises.Count > 0)
            {
                yield return new Flow("cloud → on-premises", EntryPoint.CloudMailbox, cloud[0], onPremises[0]);
                yield return new Flow("on-premises → cloud", EntryPoint.OnPremisesMailbox, onPremises[0], cloud[0]);
            }
        }

        if (cloudOnly.Count > 0)
        {
            if (cloud.Count > 0)
            {
                yield return new Flow($"cloud → cloud-only object ({rule})", EntryPoint.CloudMailbox, cloud[0], cloudOnly[0]);
                yield return new Flow($"cloud-only object → cloud ({rule})", EntryPoint.CloudMailbox, cloudOnly[0], cloud[0]);
            }

            if (onPremises.Count > 0)
            {
                yield return new Flow("on-premises → cloud-only object", EntryPoint.OnPremisesMailbox, onPremises[0], cloudOnly[0]);
            }

            yield return new Flow($"internet → cloud-only object ({mx})", EntryPoint.Internet, _external, cloudOnly[0]);
        }

        foreach (var mailbox in forwarding)
        {
            var forward = $"cloud mailbox {mailbox.PrimaryAddress} forwarding to {mailbox.ForwardTo}";
            yield return new Flow($"internet → {forward} ({mx}, {cmt})", EntryPoint.Internet, _external, mailbox.PrimaryAddress);
            if (onPremises.Count > 0)
            {
                yield return new Flow($"on-premises → {forward} ({cmt})", EntryPoint.OnPremisesMailbox, onPremises[0], mailbox.PrimaryAddress);
            }

            if (cloud.FirstOrDefault(c => !c.Equals(mailbox.PrimaryAddress, StringComparison.OrdinalIgnoreCase)) is { } sender)
            {
                yield return new Flow($"cloud → {forward} ({cmt}, {rule})", EntryPoint.CloudMailbox, sender, mailbox.PrimaryAddress);
            }
        }
    }

    private sealed class Flow
    {
        public Flow(string name, EntryPoint entry, string sender, string recipient)
        {
            Name = name;
            Entry = entry;
            Sender = sender;
            Recipient = recipient;
        }

        public string Name { get; }

        public EntryPoint Entry { get; }

        public string Sender { get; }

        public string Recipient { get; }
    }
}
