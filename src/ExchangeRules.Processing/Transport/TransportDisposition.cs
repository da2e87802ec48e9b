namespace ExchangeRules.Processing.Transport;

/// <summary>What <see cref="TransportHandler"/> did with an item in one event.</summary>
public enum TransportDisposition
{
    /// <summary>Not processed: not an event or item the handler acts on, or processed on an earlier crossing or event.</summary>
    Skipped = 0,

    /// <summary>Processed; the result was applied (unchanged, changed, split, recipient changes) and the item continues.</summary>
    Processed = 1,

    /// <summary>Deferred: the host restores the original content and retries later.</summary>
    Deferred = 2,

    /// <summary>Deleted by a rule.</summary>
    Deleted = 3,

    /// <summary>Every recipient failed with a non-delivery report (fail-closed rule past its maximum deferral).</summary>
    Rejected = 4,
}
