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
        var decided = Source switch
        {
            RecipientSource.Envelope => TestEach(state.Context.Envelope.Recipients, state, ref tested),
            RecipientSource.To => TestEach(state.HeaderAddresses("To"), state, ref tested),
            RecipientSource.Cc => TestEach(state.HeaderAddresses("Cc"), state, ref tested),
            _ => TestEach(state.HeaderAddresses("To"), state, ref tested) ?? TestEach(state.HeaderAddresses("Cc"), state, ref tested),
        };
        return decided ?? (Quantifier == Quantifier.All && tested > 0);
    }

    /// <summary>True or false once the quantifier is decided by one recipient; null when every recipient left it open.</summary>
    private bool? TestEach(IReadOnlyList<string> recipients, EvaluationState state, ref int tested)
    {
        for (var i = 0; i < recipients.Count; i++)
        {
            state.Context.CancellationToken.ThrowIfCancellationRequested();
            tested++;
            var matches = Predicate.Test(recipients[i], false, state);
            if (Quantifier == Quantifier.Any && matches)
            {
                return true;
            }

            if (Quantifier == Quantifier.All && !matches)
            {
                return false;
            }
        }

        return null;
    }
}
