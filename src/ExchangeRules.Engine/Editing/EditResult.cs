using System.Collections.Generic;

namespace ExchangeRules.Engine.Editing;

/// <summary>The outcome of applying actions to one message.</summary>
public sealed class EditResult
{
    /// <summary>Creates a result.</summary>
    public EditResult(bool changed, IReadOnlyList<ActionOutcome> outcomes)
    {
        Changed = changed;
        Outcomes = outcomes;
    }

    /// <summary>Whether the message was changed and written to the destination.</summary>
    public bool Changed { get; }

    /// <summary>What happened to each action.</summary>
    public IReadOnlyList<ActionOutcome> Outcomes { get; }
}
