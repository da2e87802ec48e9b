namespace ExchangeRules.Harness.Organization;

/// <summary>What a recipient object is and where it lives.</summary>
public enum RecipientKind
{
    /// <summary>A mailbox on an on-premises server (synchronised to Exchange Online as a mail user).</summary>
    OnPremisesMailbox = 0,

    /// <summary>An Exchange Online mailbox known on-premises as a remote mailbox (a mail user with a target address).</summary>
    RemoteMailbox = 1,

    /// <summary>An object created in Exchange Online only (shared mailbox, Microsoft 365 group...): unknown on-premises.</summary>
    CloudOnly = 2,

    /// <summary>A distribution group created on-premises and synchronised to Exchange Online.</summary>
    OnPremisesGroup = 3,

    /// <summary>A group that exists only in Exchange Online: unknown on-premises.</summary>
    CloudOnlyGroup = 4,
}
