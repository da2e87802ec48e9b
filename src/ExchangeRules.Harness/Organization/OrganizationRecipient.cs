using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Harness.Tnef;

namespace ExchangeRules.Harness.Organization;

/// <summary>One recipient object of the organisation.</summary>
public sealed class OrganizationRecipient
{
    /// <summary>Creates a recipient.</summary>
    public OrganizationRecipient(
        string primaryAddress,
        string displayName,
        RecipientKind kind,
        IReadOnlyList<string> proxyAddresses,
        IReadOnlyList<string> members,
        string? forwardTo = null,
        bool deliverToMailboxAndForward = false)
    {
        PrimaryAddress = primaryAddress ?? throw new ArgumentNullException(nameof(primaryAddress));
        DisplayName = displayName ?? string.Empty;
        Kind = kind;
        ProxyAddresses = proxyAddresses ?? throw new ArgumentNullException(nameof(proxyAddresses));
        Members = members ?? throw new ArgumentNullException(nameof(members));
        ForwardTo = string.IsNullOrEmpty(forwardTo) ? null : forwardTo;
        DeliverToMailboxAndForward = deliverToMailboxAndForward;
    }

    /// <summary>The primary SMTP address.</summary>
    public string PrimaryAddress { get; }

    /// <summary>The display name (may be empty).</summary>
    public string DisplayName { get; }

    /// <summary>What the object is and where it lives.</summary>
    public RecipientKind Kind { get; }

    /// <summary>Secondary SMTP addresses.</summary>
    public IReadOnlyList<string> ProxyAddresses { get; }

    /// <summary>For groups: the members' SMTP addresses; empty otherwise.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>
    /// For an Exchange Online mailbox: where Exchange Online forwards its mail (the mailbox's <c>ForwardingSmtpAddress</c>
    /// or <c>ForwardingAddress</c>), or <see langword="null"/>.
    /// </summary>
    public string? ForwardTo { get; }

    /// <summary>Whether a forwarding mailbox also keeps a copy (<c>DeliverToMailboxAndForward</c>; Exchange's default is off).</summary>
    public bool DeliverToMailboxAndForward { get; }

    /// <summary>
    /// For an on-premises mailbox: how its authenticated submissions reach transport (<c>client</c> in the organisation
    /// file; <see cref="SubmissionClient.Smtp"/> unless set).
    /// </summary>
    public SubmissionClient Client { get; init; }

    /// <summary>For a mailbox client: the body format its messages are saved in (<c>bodyFormat</c>; HTML unless set).</summary>
    public MailboxBodyFormat BodyFormat { get; init; }

    /// <summary>Whether the object is a group.</summary>
    public bool IsGroup => Kind is RecipientKind.OnPremisesGroup or RecipientKind.CloudOnlyGroup;

    /// <summary>Whether on-premises Exchange knows the object (it is in the on-premises directory).</summary>
    public bool IsKnownOnPremises => Kind is RecipientKind.OnPremisesMailbox or RecipientKind.RemoteMailbox or RecipientKind.OnPremisesGroup;

    /// <summary>Whether the object's mailbox (or, for a cloud-only group, the object itself) lives in Exchange Online.</summary>
    public bool LivesInCloud => Kind is RecipientKind.RemoteMailbox or RecipientKind.CloudOnly or RecipientKind.CloudOnlyGroup;

    /// <summary>Whether <paramref name="address"/> is the primary or a proxy address of this object.</summary>
    public bool HasAddress(string address) =>
        PrimaryAddress.Equals(address, StringComparison.OrdinalIgnoreCase)
        || ProxyAddresses.Any(p => p.Equals(address, StringComparison.OrdinalIgnoreCase));
}
