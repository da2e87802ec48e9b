using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;

namespace ExchangeRules.Cli.Migration;

/// <summary>
/// Builds the organisation file (docs/hybrid.md) from the two exports of install/Export-Organization.ps1: accepted
/// domains, the hybrid settings (coexistence domain, centralized mail transport, MX, the Exchange Online connector
/// and redirect rule) and the recipients. What the exports do not decide is listed, never guessed silently.
/// </summary>
internal sealed class OrganizationImporter
{
    public static readonly XNamespace Namespace = "urn:exchangerules:organization:1";

    private readonly List<string> _undetermined = new();
    private readonly List<string> _notes = new();

    /// <summary>What the exports could not decide (and what was written instead).</summary>
    public IReadOnlyList<string> Undetermined => _undetermined;

    /// <summary>What was found and is not part of the organisation file (checks on connectors, skipped objects).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <param name="onPremises">The on-premises export.</param>
    /// <param name="online">The Exchange Online export, when there is one.</param>
    /// <param name="directory">The directory element's attributes (ldif, or ldap and baseDn), when given.</param>
    public XDocument Import(OrganizationExport onPremises, OrganizationExport? online, IReadOnlyList<XAttribute> directory)
    {
        var domains = onPremises.List("AcceptedDomains")
            .Select(domain => (Name: OrganizationExport.Text(domain, "DomainName") ?? OrganizationExport.Text(domain, "Name") ?? string.Empty, Type: OrganizationExport.Text(domain, "DomainType") ?? "Authoritative", Default: OrganizationExport.Flag(domain, "Default")))
            .Where(domain => domain.Name.Length > 0)
            .ToList();
        foreach (var domain in domains.Where(domain => domain.Type is not ("Authoritative" or "InternalRelay")))
        {
            _notes.Add($"accepted domain {domain.Name} ({domain.Type}): the organisation file models Authoritative and InternalRelay domains only; left out");
        }

        var accepted = domains.Where(domain => domain.Type is "Authoritative" or "InternalRelay").ToList();
        if (accepted.Count == 0)
        {
            throw new FormatException($"{onPremises.Path}: no Authoritative or InternalRelay accepted domain in \"AcceptedDomains\"");
        }

        var name = onPremises.Object("OrganizationConfig") is { } config ? OrganizationExport.Text(config, "Name") : null;
        if (name is null)
        {
            _undetermined.Add("organisation name: no OrganizationConfig.Name; written 'Organization'");
        }

        var server = onPremises.String("Server");
        if (server is null)
        {
            _undetermined.Add($"server: not in the export; hybrid-check uses ex01.{accepted[0].Name}");
        }

        if (directory.Count == 0)
        {
            _undetermined.Add("directory: the exports do not say where rules read directory attributes; give --ldif FILE or --ldap URL (and --base-dn)");
        }

        var acceptedNames = accepted.Select(domain => domain.Name).ToList();
        var root = new XElement(
            Namespace + "organization",
            new XAttribute("name", name ?? "Organization"),
            server is null ? null : new XAttribute("server", server),
            new XElement(Namespace + "acceptedDomains", accepted.Select(domain => new XElement(Namespace + "domain", new XAttribute("name", domain.Name), new XAttribute("type", domain.Type)))),
            Hybrid(onPremises, online, accepted.Select(domain => (domain.Name, domain.Default)).ToList()),
            directory.Count > 0 ? new XElement(Namespace + "directory", directory) : null,
            Recipients(onPremises, online, acceptedNames));
        CheckConnectors(onPremises, online);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XComment(" Imported by exrules org import from install/Export-Organization.ps1 exports. Format: docs/hybrid.md. "), root);
    }

    private XElement? Hybrid(OrganizationExport onPremises, OrganizationExport? online, IReadOnlyList<(string Name, bool Default)> accepted)
    {
        var hybridConfiguration = onPremises.Object("HybridConfiguration");
        if (hybridConfiguration is null && online is null)
        {
            _notes.Add("no HybridConfiguration and no Exchange Online export: an on-premises-only organisation (no hybrid element)");
            return null;
        }

        if (online is null)
        {
            _undetermined.Add("Exchange Online side: no export given (--exchange-online); centralized mail transport, the outbound connector and the redirect rule are unknown and written as absent");
        }

        var tenant = online?.List("AcceptedDomains").Select(domain => OrganizationExport.Text(domain, "DomainName") ?? OrganizationExport.Text(domain, "Name"))
            .FirstOrDefault(domain => domain is not null && domain.EndsWith(".mail.onmicrosoft.com", StringComparison.OrdinalIgnoreCase))
            ?? onPremises.List("RemoteMailboxes").Select(mailbox => OrganizationExport.Text(mailbox, "RemoteRoutingAddress"))
                .OfType<string>()
                .Select(address => address.Split(':').Last())
                .Where(address => address.Contains('@', StringComparison.Ordinal))
                .Select(address => address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..])
                .FirstOrDefault();
        if (tenant is null)
        {
            _undetermined.Add("tenantDomain: no *.mail.onmicrosoft.com accepted domain in Exchange Online and no remote mailbox's RemoteRoutingAddress; written tenant.mail.onmicrosoft.com — correct it");
            tenant = "tenant.mail.onmicrosoft.com";
        }

        var connector = online?.List("OutboundConnectors").FirstOrDefault(candidate => OrganizationExport.Text(candidate, "ConnectorType") == "OnPremises" && OrganizationExport.Text(candidate, "Enabled") is null or "True");
        var connectorName = connector is { } found ? OrganizationExport.Text(found, "Name") : null;
        var cmt = connector is { } on && OrganizationExport.Flag(on, "RouteAllMessagesViaOnPremises");
        if (online is not null && connector is null)
        {
            _notes.Add($"{online.Path}: no enabled outbound connector with ConnectorType OnPremises: Exchange Online cannot send to on-premises mailboxes, and centralized mail transport is off");
        }

        var features = hybridConfiguration is { } hybrid ? OrganizationExport.Texts(hybrid, "Features") : Array.Empty<string>();
        if (hybridConfiguration is not null && online is not null && features.Contains("CentralizedTransport", StringComparer.OrdinalIgnoreCase) != cmt)
        {
            _notes.Add($"centralized mail transport: the Hybrid Configuration Wizard's features {(cmt ? "lack" : "include")} CentralizedTransport but the outbound connector's RouteAllMessagesViaOnPremises is {cmt}; the connector decides (written {cmt.ToString().ToLowerInvariant()})");
        }

        return new XElement(
            Namespace + "hybrid",
            new XAttribute("tenantDomain", tenant),
            new XAttribute("centralizedMailTransport", cmt ? "true" : "false"),
            new XAttribute("mx", Mx(onPremises, accepted)),
            connectorName is null ? null : new XAttribute("outboundConnector", connectorName),
            connectorName is null || online is null ? null : RedirectRule(online, connectorName));
    }

    private string Mx(OrganizationExport onPremises, IReadOnlyList<(string Name, bool Default)> accepted)
    {
        var records = onPremises.List("Mx")
            .Select(record => (Domain: OrganizationExport.Text(record, "Domain") ?? string.Empty, Host: OrganizationExport.Text(record, "NameExchange"), Preference: int.TryParse(OrganizationExport.Text(record, "Preference"), out var preference) ? preference : int.MaxValue))
            .Where(record => record.Host is not null)
            .ToList();
        var byDomain = accepted
            .Select(domain => (domain.Name, domain.Default, Host: records.Where(record => string.Equals(record.Domain, domain.Name, StringComparison.OrdinalIgnoreCase)).OrderBy(record => record.Preference).Select(record => record.Host).FirstOrDefault()))
            .Where(domain => domain.Host is not null)
            .Select(domain => (domain.Name, domain.Default, Target: domain.Host!.TrimEnd('.').EndsWith(".protection.outlook.com", StringComparison.OrdinalIgnoreCase) ? "ExchangeOnline" : "OnPremises"))
            .ToList();
        if (byDomain.Count == 0)
        {
            _undetermined.Add("mx: no MX record in the export (\"Mx\"); written OnPremises — check where internet mail arrives");
            return "OnPremises";
        }

        var chosen = byDomain.OrderByDescending(domain => domain.Default).First();
        foreach (var other in byDomain.Where(domain => domain.Target != chosen.Target))
        {
            _notes.Add($"mx: {other.Name} points to {other.Target} but {chosen.Name} to {chosen.Target}; the organisation file has one MX, written {chosen.Target} (from {chosen.Name})");
        }

        return chosen.Target;
    }

    private XElement? RedirectRule(OrganizationExport online, string connectorName)
    {
        var rule = online.List("TransportRules").FirstOrDefault(candidate => string.Equals(OrganizationExport.Text(candidate, "RouteMessageOutboundConnector"), connectorName, StringComparison.OrdinalIgnoreCase));
        if (rule.ValueKind != JsonValueKind.Object)
        {
            _notes.Add($"{online.Path}: no transport rule routes to '{connectorName}' (RouteMessageOutboundConnector): cloud-to-cloud mail never crosses on-premises");
            return null;
        }

        var header = OrganizationExport.Text(rule, "ExceptIfHeaderMatchesMessageHeader") ?? OrganizationExport.Text(rule, "ExceptIfHeaderContainsMessageHeader");
        var enabled = OrganizationExport.Text(rule, "State") is null or "Enabled" && OrganizationExport.Text(rule, "Mode") is null or "Enforce";
        var patterns = OrganizationExport.Texts(rule, "ExceptIfHeaderMatchesPatterns");
        if (OrganizationExport.Text(rule, "ExceptIfHeaderMatchesMessageHeader") is not null && patterns.Any(pattern => pattern is not (".+" or ".*" or ".")))
        {
            _notes.Add($"redirect rule: the header exception matches the patterns {string.Join(", ", patterns)}; the organisation file models 'the header is present' (as '.+' does)");
        }

        var excepted = OrganizationExport.Texts(rule, "ExceptIfFrom").Concat(OrganizationExport.Texts(rule, "ExceptIfSentTo")).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var identity in excepted.Where(identity => !identity.Contains('@', StringComparison.Ordinal)))
        {
            _undetermined.Add($"redirect rule exception '{identity}': not an SMTP address; left out (write the address in the export or the file)");
        }

        return new XElement(
            Namespace + "redirectRule",
            new XAttribute("name", OrganizationExport.Text(rule, "Name") ?? "Route cloud mail through on-premises"),
            new XAttribute("enabled", enabled ? "true" : "false"),
            header is null ? null : new XAttribute("exceptIfHeader", header),
            excepted.Where(identity => identity.Contains('@', StringComparison.Ordinal)).Select(address => new XElement(Namespace + "except", new XAttribute("address", address))));
    }

    private XElement? Recipients(OrganizationExport onPremises, OrganizationExport? online, IReadOnlyList<string> accepted)
    {
        if (!onPremises.Has("Mailboxes") && !onPremises.Has("RemoteMailboxes") && !onPremises.Has("DistributionGroups"))
        {
            _undetermined.Add("recipients: the on-premises export has none (exported with -NoRecipients?); hybrid-check then knows no mailbox by name");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var elements = new List<XElement>();
        elements.AddRange(Recipients(onPremises.List("Mailboxes"), "mailbox", accepted, seen));
        var remote = Recipients(onPremises.List("RemoteMailboxes"), "remoteMailbox", accepted, seen);
        AddForwarding(remote, online);
        elements.AddRange(remote);
        elements.AddRange(Recipients(online?.List("CloudOnlyRecipients") ?? Array.Empty<JsonElement>(), "cloudOnly", accepted, seen));
        foreach (var group in onPremises.List("DistributionGroups"))
        {
            var element = Recipient(group, "group", accepted, seen);
            if (element is not null)
            {
                element.Add(OrganizationExport.Texts(group, "Members").Select(member => new XElement(Namespace + "member", new XAttribute("address", member))));
                elements.Add(element);
            }
        }

        return elements.Count == 0 ? null : new XElement(Namespace + "recipients", elements);
    }

    /// <summary>
    /// Forwarding set on Exchange Online mailboxes (Get-Mailbox ForwardingSmtpAddress / DeliverToMailboxAndForward in
    /// the online export's MailboxForwarding) onto the remote mailboxes, so hybrid-check reports the forwarded flows.
    /// </summary>
    private void AddForwarding(List<XElement> remoteMailboxes, OrganizationExport? online)
    {
        if (online is null)
        {
            return;
        }

        if (!online.Has("MailboxForwarding"))
        {
            _undetermined.Add("forwarding on Exchange Online mailboxes: the online export has no MailboxForwarding list; forwarded flows are not reported");
            return;
        }

        foreach (var forwarding in online.List("MailboxForwarding"))
        {
            var address = OrganizationExport.Text(forwarding, "PrimarySmtpAddress");
            var target = OrganizationExport.Text(forwarding, "ForwardingSmtpAddress");
            if (target is not null && target.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase))
            {
                target = target[5..];
            }

            var mailbox = remoteMailboxes.FirstOrDefault(element => string.Equals((string?)element.Attribute("address"), address, StringComparison.OrdinalIgnoreCase));
            if (mailbox is null || target is null)
            {
                _notes.Add($"forwarding of {address ?? "(no address)"}: {(mailbox is null ? "not a remote mailbox of the on-premises export" : "ForwardingAddress names a recipient object, not an SMTP address")}; left out");
                continue;
            }

            mailbox.Add(new XAttribute("forwardTo", target));
            if (OrganizationExport.Flag(forwarding, "DeliverToMailboxAndForward"))
            {
                mailbox.Add(new XAttribute("deliverToMailboxAndForward", "true"));
            }
        }
    }

    private List<XElement> Recipients(IEnumerable<JsonElement> recipients, string kind, IReadOnlyList<string> accepted, HashSet<string> seen) =>
        recipients.Select(recipient => Recipient(recipient, kind, accepted, seen)).OfType<XElement>().ToList();

    private XElement? Recipient(JsonElement recipient, string kind, IReadOnlyList<string> accepted, HashSet<string> seen)
    {
        var address = OrganizationExport.Text(recipient, "PrimarySmtpAddress");
        var name = OrganizationExport.Text(recipient, "DisplayName");
        if (address is null || !InAccepted(address, accepted))
        {
            _notes.Add($"{kind} {name ?? address ?? "(no address)"}: primary address {address ?? "missing"} is not in an accepted domain; left out");
            return null;
        }

        if (!seen.Add(address))
        {
            _notes.Add($"{kind} {address}: already listed (an object exported on both sides); the first is kept");
            return null;
        }

        var proxies = OrganizationExport.Texts(recipient, "EmailAddresses")
            .Where(proxy => proxy.StartsWith("smtp:", StringComparison.OrdinalIgnoreCase))
            .Select(proxy => proxy[5..])
            .Where(proxy => !string.Equals(proxy, address, StringComparison.OrdinalIgnoreCase) && InAccepted(proxy, accepted) && seen.Add(proxy))
            .ToList();
        if (kind == "cloudOnly" && OrganizationExport.Text(recipient, "RecipientTypeDetails") is "MailUniversalDistributionGroup" or "MailUniversalSecurityGroup" or "DynamicDistributionGroup")
        {
            _notes.Add($"cloud-only group {address}: written as a cloudOnly recipient; its members are not modelled");
        }

        return new XElement(
            Namespace + kind,
            new XAttribute("address", address),
            name is null ? null : new XAttribute("name", name),
            proxies.Select(proxy => new XElement(Namespace + "proxy", proxy)));
    }

    private void CheckConnectors(OrganizationExport onPremises, OrganizationExport? online)
    {
        if (onPremises.Object("HybridConfiguration") is not null
            && !onPremises.List("SendConnectors").Any(connector => OrganizationExport.Flag(connector, "CloudServicesMailEnabled") || OrganizationExport.Texts(connector, "AddressSpaces").Any(space => space.Contains(".mail.onmicrosoft.com", StringComparison.OrdinalIgnoreCase))))
        {
            _notes.Add($"{onPremises.Path}: no send connector to Exchange Online (CloudServicesMailEnabled, or an address space *.mail.onmicrosoft.com): on-premises mail to remote mailboxes cannot leave, which hybrid-check assumes it can");
        }

        if (online is not null && !online.List("InboundConnectors").Any(connector => OrganizationExport.Text(connector, "ConnectorType") == "OnPremises"))
        {
            _notes.Add($"{online.Path}: no inbound connector with ConnectorType OnPremises: Exchange Online does not treat mail from on-premises as internal (hybrid-check assumes it does)");
        }
    }

    private static bool InAccepted(string address, IReadOnlyList<string> accepted)
    {
        var at = address.LastIndexOf('@');
        var domain = at >= 0 ? address[(at + 1)..] : string.Empty;
        return accepted.Any(candidate => string.Equals(candidate, domain, StringComparison.OrdinalIgnoreCase)
            || (candidate.StartsWith("*.", StringComparison.Ordinal) && domain.EndsWith(candidate[1..], StringComparison.OrdinalIgnoreCase)));
    }
}
