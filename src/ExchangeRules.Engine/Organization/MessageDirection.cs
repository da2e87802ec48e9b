namespace ExchangeRules.Engine.Organization;

/// <summary>The direction of a message (or of one copy of it, after a split).</summary>
public enum MessageDirection
{
    /// <summary>From inside the organisation to recipients who are all inside it.</summary>
    Internal = 0,

    /// <summary>From inside the organisation to at least one recipient outside it.</summary>
    Outgoing = 1,

    /// <summary>From outside the organisation (including spoofed internal From headers).</summary>
    Incoming = 2,
}
