namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The delivery priority of a mail item.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa567036(v=exchg.150).
/// </summary>
public enum DeliveryPriority
{
    /// <summary>High priority.</summary>
    High = 0,

    /// <summary>Normal priority.</summary>
    Normal = 1,

    /// <summary>Low priority.</summary>
    Low = 2,

    /// <summary>No priority.</summary>
    None = 3,
}
