namespace ExchangeRules.Processing.Transport;

/// <summary>
/// The categorizer events of on-premises transport, in the order Exchange raises them (OnSubmittedMessage →
/// OnResolvedMessage → OnRoutedMessage → OnCategorizedMessage). What the handler does in each is described on
/// <see cref="TransportHandler"/>.
/// </summary>
public enum TransportEvent
{
    /// <summary>OnSubmittedMessage: recipients as submitted (groups not expanded); the only event where recipients can be added.</summary>
    Submitted = 0,

    /// <summary>OnResolvedMessage: recipients resolved and groups expanded by the categorizer.</summary>
    Resolved = 1,

    /// <summary>OnRoutedMessage: routing known; where the clone of a forked item continues.</summary>
    Routed = 2,

    /// <summary>OnCategorizedMessage: the last categorizer event (DKIM signers run here).</summary>
    Categorized = 3,
}
