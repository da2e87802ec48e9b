namespace ExchangeRules.Engine.Actions;

/// <summary>Prepend or append text to the subject, never stacking it ("[EXT] [EXT]" never happens).</summary>
public sealed class SubjectAction : PlannedAction
{
    /// <summary>Creates the action (<paramref name="specialMessages"/>: see <see cref="PlannedAction.SpecialMessages"/>; <see langword="null"/> for the default).</summary>
    public SubjectAction(string ruleName, FailurePolicy failurePolicy, string text, bool prepend, SpecialMessagePolicy? specialMessages = null)
        : base(ruleName, failurePolicy, specialMessages)
    {
        Text = text;
        Prepend = prepend;
    }

    /// <summary>The text to add, for example <c>[EXT]</c>.</summary>
    public string Text { get; }

    /// <summary><see langword="true"/> to prepend, <see langword="false"/> to append.</summary>
    public bool Prepend { get; }
}
