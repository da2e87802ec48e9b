using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Harness.Organization;

/// <summary>
/// A hybrid organisation as described by an organisation file. As an <see cref="IOrganization"/> it answers
/// exactly what on-premises transport can know (cloud-only objects are unknown there); the full picture,
/// Exchange Online's view included, is available through <see cref="Find"/> for the topology simulation.
/// </summary>
public sealed class OrganizationModel : IOrganization
{
    private readonly Dictionary<string, OrganizationRecipient> _byAddress;

    /// <summary>Creates a model; addresses must be unique across all recipients.</summary>
    public OrganizationModel(
        string name,
        string server,
        IReadOnlyList<AcceptedDomain> acceptedDomains,
        IReadOnlyList<OrganizationRecipient> recipients,
        HybridSettings? hybrid,
        DirectorySource? directory)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Server = server ?? throw new ArgumentNullException(nameof(server));
        AcceptedDomains = acceptedDomains ?? throw new ArgumentNullException(nameof(acceptedDomains));
        Recipients = recipients ?? throw new ArgumentNullException(nameof(recipients));
        Hybrid = hybrid;
        Directory = directory;
        _byAddress = new Dictionary<string, OrganizationRecipient>(StringComparer.OrdinalIgnoreCase);
        foreach (var recipient in recipients)
        {
            foreach (var address in new[] { recipient.PrimaryAddress }.Concat(recipient.ProxyAddresses))
            {
                if (_byAddress.ContainsKey(address))
                {
                    throw new ArgumentException($"The address {address} belongs to more than one recipient.", nameof(recipients));
                }

                _byAddress.Add(address, recipient);
            }
        }
    }

    /// <summary>The organisation's name.</summary>
    public string Name { get; }

    /// <summary>The FQDN of the on-premises Exchange server that runs the agent.</summary>
    public string Server { get; }

    /// <summary>The accepted domains.</summary>
    public IReadOnlyList<AcceptedDomain> AcceptedDomains { get; }

    /// <summary>Every recipient object, on-premises and cloud-only.</summary>
    public IReadOnlyList<OrganizationRecipient> Recipients { get; }

    /// <summary>The hybrid settings, or <see langword="null"/> for an on-premises-only organisation.</summary>
    public HybridSettings? Hybrid { get; }

    /// <summary>Where directory attributes come from, if configured.</summary>
    public DirectorySource? Directory { get; }

    /// <inheritdoc />
    public bool IsAcceptedDomain(string domain) => FindAcceptedDomain(domain) is not null;

    /// <summary>
    /// Where the recipient lives as on-premises transport can know it, exactly what the agent's ExchangeOrganization
    /// answers from SmtpServer.AcceptedDomains and AddressBook: outside the accepted domains it is external; in them,
    /// every object the on-premises directory knows (on-premises and remote mailboxes, groups) is
    /// <see cref="RecipientLocation.OnPremises"/>, because Exchange's agent API cannot tell a remote mailbox from a
    /// local one, and anything else (cloud-only objects, unknown addresses) is <see cref="RecipientLocation.UnknownInternal"/>.
    /// The topology routes with <see cref="Route"/>, the full picture.
    /// </summary>
    public RecipientLocation Locate(string smtpAddress)
    {
        if (FindAcceptedDomain(DomainSpanOf(smtpAddress)) is null)
        {
            return RecipientLocation.External;
        }

        return Find(smtpAddress) is { IsKnownOnPremises: true } ? RecipientLocation.OnPremises : RecipientLocation.UnknownInternal;
    }

    /// <summary>
    /// Where a message for this address is routed from on-premises: the full picture, with remote mailboxes as
    /// <see cref="RecipientLocation.Cloud"/> and their target addresses in the coexistence domain resolved.
    /// </summary>
    public RecipientLocation Route(string smtpAddress)
    {
        // Asked for every recipient of every message: the domain is read in place, not cut out of the address.
        var domain = DomainSpanOf(smtpAddress);
        if (FindAcceptedDomain(domain) is null)
        {
            return IsTenantDomain(domain) ? LocateKnown(smtpAddress) : RecipientLocation.External;
        }

        return LocateKnown(smtpAddress);
    }

    /// <summary>The recipient object with this primary or proxy address (Exchange Online's complete view), or <see langword="null"/>.</summary>
    public OrganizationRecipient? Find(string smtpAddress)
    {
        if (string.IsNullOrEmpty(smtpAddress))
        {
            return null;
        }

        if (_byAddress.TryGetValue(smtpAddress, out var recipient))
        {
            return recipient;
        }

        // A remote mailbox's target address (alias@tenant.mail.onmicrosoft.com) reaches the same mailbox. Checked in
        // place: most addresses asked for are external, and this runs for every recipient of every message.
        if (Hybrid is not null && IsInDomain(smtpAddress, Hybrid.TenantDomain))
        {
            var local = LocalPartOf(smtpAddress);
            return Recipients.FirstOrDefault(r => r.LivesInCloud && LocalPartOf(r.PrimaryAddress).Equals(local, StringComparison.OrdinalIgnoreCase));
        }

        return null;
    }

    /// <summary>The accepted domain that covers <paramref name="domain"/>; exact names win over wildcards.</summary>
    public AcceptedDomain? FindAcceptedDomain(string domain) => FindAcceptedDomain((domain ?? string.Empty).AsSpan());

    /// <summary>The accepted domain <paramref name="domain"/> belongs to (an exact name before a wildcard), or <see langword="null"/>.</summary>
    internal AcceptedDomain? FindAcceptedDomain(ReadOnlySpan<char> domain)
    {
        // Asked for every recipient of every message (10,000 for one message in scenario 7): plain loops, no closures.
        AcceptedDomain? wildcard = null;
        for (var i = 0; i < AcceptedDomains.Count; i++)
        {
            var accepted = AcceptedDomains[i];
            if (accepted.Matches(domain))
            {
                if (!accepted.IsWildcard)
                {
                    return accepted;
                }

                wildcard ??= accepted;
            }
        }

        return wildcard;
    }

    /// <summary>The remote mailbox's target address in the coexistence domain, used by the hybrid send connector.</summary>
    public string TargetAddressOf(OrganizationRecipient recipient)
    {
        if (recipient is null)
        {
            throw new ArgumentNullException(nameof(recipient));
        }

        return Hybrid is null ? recipient.PrimaryAddress : LocalPartOf(recipient.PrimaryAddress) + "@" + Hybrid.TenantDomain;
    }

    internal static string DomainOf(string address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at < 0 ? string.Empty : address!.Substring(at + 1);
    }

    /// <summary>The part of the address after its last @, in place (empty without an @).</summary>
    internal static ReadOnlySpan<char> DomainSpanOf(string address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at < 0 ? ReadOnlySpan<char>.Empty : address.AsSpan(at + 1);
    }

    internal static string LocalPartOf(string address)
    {
        var at = address?.LastIndexOf('@') ?? -1;
        return at < 0 ? address ?? string.Empty : address!.Substring(0, at);
    }

    private static bool IsInDomain(string address, string domain) =>
        address.Length > domain.Length
        && address[address.Length - domain.Length - 1] == '@'
        && string.Compare(address, address.Length - domain.Length, domain, 0, domain.Length, StringComparison.OrdinalIgnoreCase) == 0;

    private bool IsTenantDomain(ReadOnlySpan<char> domain) =>
        Hybrid is not null && domain.Equals(Hybrid.TenantDomain.AsSpan(), StringComparison.OrdinalIgnoreCase);

    private RecipientLocation LocateKnown(string smtpAddress)
    {
        var recipient = Find(smtpAddress);
        if (recipient is null || !recipient.IsKnownOnPremises)
        {
            return RecipientLocation.UnknownInternal;
        }

        return recipient.Kind == RecipientKind.RemoteMailbox ? RecipientLocation.Cloud : RecipientLocation.OnPremises;
    }
}
