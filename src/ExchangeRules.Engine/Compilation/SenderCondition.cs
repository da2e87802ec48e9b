namespace ExchangeRules.Engine.Compilation;

/// <summary>Which sender address a sender condition tests.</summary>
internal enum SenderLocation
{
    Header = 0,
    Envelope = 1,
    HeaderOrEnvelope = 2,
}

/// <summary>A test of the sender: the From header address, the envelope sender, or either.</summary>
internal sealed class SenderCondition : Condition
{
    public SenderCondition(AddressPredicate predicate, SenderLocation location)
    {
        Predicate = predicate;
        Location = location;
        Description = predicate.Describe(location switch
        {
            SenderLocation.Header => "sender",
            SenderLocation.Envelope => "envelope sender",
            _ => "sender (header or envelope)",
        });
    }

    public AddressPredicate Predicate { get; }

    public SenderLocation Location { get; }

    public override string Description { get; }

    public override ConditionCost Cost =>
        Predicate.Cost == ConditionCost.Envelope && Location != SenderLocation.Envelope ? ConditionCost.Headers : Predicate.Cost;

    protected override bool EvaluateCore(EvaluationState state) => Location switch
    {
        SenderLocation.Header => Predicate.Test(state.FromAddress, true, state),
        SenderLocation.Envelope => Predicate.Test(state.EnvelopeSender, true, state),
        _ => Predicate.Test(state.FromAddress, true, state) || Predicate.Test(state.EnvelopeSender, true, state),
    };
}
