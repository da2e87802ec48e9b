namespace ExchangeRules.Engine.Actions;

/// <summary>What happens to a message when a rule's action fails.</summary>
public enum FailurePolicy
{
    /// <summary>Deliver the message unchanged and log why (the default).</summary>
    FailOpen = 0,

    /// <summary>Defer the message with a transient response so Exchange retries (for required rules such as a legal disclaimer).</summary>
    FailClosed = 1,
}
