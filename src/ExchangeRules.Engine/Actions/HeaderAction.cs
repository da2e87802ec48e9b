namespace ExchangeRules.Engine.Actions;

/// <summary>Set (replace or add) or remove a header.</summary>
public sealed class HeaderAction : PlannedAction
{
    /// <summary>Creates the action (<paramref name="specialMessages"/>: see <see cref="PlannedAction.SpecialMessages"/>; <see langword="null"/> for the default). A <see langword="null"/> value removes every header with that name.</summary>
    public HeaderAction(string ruleName, FailurePolicy failurePolicy, string name, string? value, SpecialMessagePolicy? specialMessages = null)
        : base(ruleName, failurePolicy, specialMessages)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The header name.</summary>
    public string Name { get; }

    /// <summary>The new value, or <see langword="null"/> to remove the header.</summary>
    public string? Value { get; }
}
