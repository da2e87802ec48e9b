using System.Collections.Generic;

namespace ExchangeRules.Engine.Editing;

/// <summary>The outcome of applying actions to one message.</summary>
public sealed class EditResult
{
    /// <summary>Creates a result.</summary>
    public EditResult(bool changed, IReadOnlyList<ActionOutcome> outcomes)
        : this(changed, outcomes, EditLimit.None)
    {
    }

    /// <summary>Creates a result that says which limit, if any, left the whole message unchanged.</summary>
    public EditResult(bool changed, IReadOnlyList<ActionOutcome> outcomes, EditLimit limitReached)
    {
        Changed = changed;
        Outcomes = outcomes;
        LimitReached = limitReached;
    }

    /// <summary>Whether the message was changed and written to the destination.</summary>
    public bool Changed { get; }

    /// <summary>What happened to each action.</summary>
    public IReadOnlyList<ActionOutcome> Outcomes { get; }

    /// <summary>The hostile-input limit that made the editor leave the whole message unchanged; <see cref="EditLimit.None"/> otherwise.</summary>
    public EditLimit LimitReached { get; }
}
