namespace ExchangeRules.Engine.Messages;

/// <summary>
/// How a message entered on-premises transport. Together with the accepted domains this decides
/// whether a sender is inside the organisation: a From header alone never does.
/// </summary>
public enum SubmissionOrigin
{
    /// <summary>Not known (for example an offline preview without <c>--sender-authenticated</c>); treated as anonymous.</summary>
    Unknown = 0,

    /// <summary>Received anonymously from the internet.</summary>
    Anonymous = 1,

    /// <summary>Submitted by an authenticated client or a mailbox on an on-premises server.</summary>
    Authenticated = 2,

    /// <summary>Received from Exchange Online over the hybrid connector, authenticated as internal to the organisation.</summary>
    HybridConnector = 3,
}
