namespace ExchangeRules.Engine.Editing;

/// <summary>The status of one action after editing.</summary>
public enum ActionStatus
{
    /// <summary>The change was made.</summary>
    Applied = 0,

    /// <summary>Nothing was changed on purpose (already present, policy forbids editing this kind of message, ...).</summary>
    Skipped = 1,

    /// <summary>The action failed; the message part it would have changed is unchanged.</summary>
    Failed = 2,
}
