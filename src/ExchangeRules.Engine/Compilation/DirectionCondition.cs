using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Engine.Compilation;

/// <summary>The direction of the copy (per recipient) is one of the listed directions.</summary>
internal sealed class DirectionCondition : Condition
{
    public DirectionCondition(IReadOnlyCollection<MessageDirection> directions)
    {
        foreach (var direction in directions)
        {
            Mask |= 1 << (int)direction;
        }

        Description = "message direction is " + string.Join(" or ", directions.Distinct().Select(Name));
    }

    /// <summary>A bit per allowed <see cref="MessageDirection"/>.</summary>
    public int Mask { get; }

    public override string Description { get; }

    public override ConditionCost Cost => ConditionCost.Envelope;

    public override bool IsPerRecipient => true;

    public static string Name(MessageDirection direction) => direction switch
    {
        MessageDirection.Internal => "internal",
        MessageDirection.Outgoing => "outgoing",
        _ => "incoming",
    };

    protected override bool EvaluateCore(EvaluationState state) =>
        (Mask & (1 << (int)state.DirectionFor(state.Recipient))) != 0;
}
