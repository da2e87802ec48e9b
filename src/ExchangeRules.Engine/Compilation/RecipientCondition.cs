using System.Collections.Generic;

namespace ExchangeRules.Engine.Compilation;

/// <summary>Which recipients a recipient condition tests.</summary>
internal enum RecipientSource
{
    Envelope = 0,
    To = 1,
    Cc = 2,
    ToOrCc = 3,
}

/// <summary>How the recipients' results combine.</summary>
internal enum Quantifier
{
    /// <summary>Per recipient: the rule applies to the matching recipients only (the message may split).</summary>
    Each = 0,

    /// <summary>The whole message when at least one recipient matches.</summary>
    Any = 1,

    /// <summary>The whole message when every recipient matches.</summary>
    All = 2,
}

/// <summary>A test of the recipients.</summary>
internal sealed class RecipientCondition : Condition
{
    public RecipientCondition(AddressPredicate predicate, RecipientSource source, Quantifier quantifier)
    {
        Predicate = predicate;
        Source = source;
        Quantifier = quantifier;
        var who = source switch
        {
            RecipientSource.Envelope => "recipient",
            RecipientSource.To => "To recipient",
            RecipientSource.Cc => "Cc recipient",
            _ => "To or Cc recipient",
        };
        Description = quantifier switch
        {
            Quantifier.Each => predicate.Describe(who),
            Quantifier.Any => "any " + predicate.Describe(who),
            _ => "every " + predicate.Describe(who),
        };
    }

    public AddressPredicate Predicate { get; }

    public RecipientSource Source { get; }

    public Quantifier Quantifier { get; }

    public override string Description { get; }

    public override ConditionCost Cost =>
        Predicate.Cost == ConditionCost.Envelope && Source != RecipientSource.Envelope ? ConditionCost.Headers : Predicate.Cost;

    public override bool IsPerRecipient => Quantifier == Quantifier.Each;

    protected override bool EvaluateCore(EvaluationState state)
    {
        if (Quantifier == Quantifier.Each)
        {
            return state.Recipient is not null && Predicate.Test(state.Recipient, false, state);
        }

        var tested = 0;
        foreach (var recipient in Recipients(state))
        {
            tested++;
            var matches = Predicate.Test(recipient, false, state);
            if (Quantifier == Quantifier.Any && matches)
            {
                return true;
            }

            if (Quantifier == Quantifier.All && !matches)
            {
                return false;
            }
        }

        return Quantifier == Quantifier.All && tested > 0;
    }

    private IEnumerable<string> Recipients(EvaluationState state)
    {
        if (Source == RecipientSource.Envelope)
        {
            return state.Context.Envelope.Recipients;
        }

        if (Source == RecipientSource.To)
        {
            return state.HeaderAddresses("To");
        }

        if (Source == RecipientSource.Cc)
        {
            return state.HeaderAddresses("Cc");
        }

        var both = new List<string>(state.HeaderAddresses("To"));
        both.AddRange(state.HeaderAddresses("Cc"));
        return both;
    }
}
