namespace ExchangeRules.Harness.Topology;

/// <summary>Where a message is submitted.</summary>
public enum EntryPoint
{
    /// <summary>Sent anonymously from the internet to the organisation's MX.</summary>
    Internet = 0,

    /// <summary>Submitted by an authenticated on-premises mailbox (Outlook, OWA, authenticated SMTP).</summary>
    OnPremisesMailbox = 1,

    /// <summary>Submitted by an authenticated Exchange Online mailbox.</summary>
    CloudMailbox = 2,
}
