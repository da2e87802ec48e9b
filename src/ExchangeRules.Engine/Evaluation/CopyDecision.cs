using System.Collections.Generic;
using ExchangeRules.Engine.Actions;

namespace ExchangeRules.Engine.Evaluation;

/// <summary>
/// The treatment of one copy of the message: the recipients it goes to and the actions to apply.
/// When evaluation returns more than one copy the host splits the message (Exchange's <c>Fork</c>).
/// </summary>
public sealed class CopyDecision
{
    /// <summary>Creates a copy decision.</summary>
    public CopyDecision(IReadOnlyList<string> recipients, IReadOnlyList<PlannedAction> actions)
    {
        Recipients = recipients;
        Actions = actions;
    }

    /// <summary>The envelope recipients of this copy.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <summary>The actions to apply to this copy, in rule order.</summary>
    public IReadOnlyList<PlannedAction> Actions { get; }
}
