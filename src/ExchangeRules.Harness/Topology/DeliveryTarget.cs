namespace ExchangeRules.Harness.Topology;

/// <summary>Where one copy of a message ended up.</summary>
public enum DeliveryTarget
{
    /// <summary>Delivered to a mailbox on an on-premises server.</summary>
    OnPremisesMailbox = 0,

    /// <summary>Delivered to a mailbox (or cloud-only object) in Exchange Online.</summary>
    ExchangeOnlineMailbox = 1,

    /// <summary>Sent to a recipient outside the organisation.</summary>
    Internet = 2,

    /// <summary>Not delivered: a non-delivery report goes back to the sender.</summary>
    Bounced = 3,

    /// <summary>Still in an on-premises queue (deferred, or in the poison queue after an agent crash).</summary>
    Queued = 4,
}
