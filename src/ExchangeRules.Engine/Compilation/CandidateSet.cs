namespace ExchangeRules.Engine.Compilation;

/// <summary>
/// What the rule index decided for one message: the rules that may apply, and per fact the rules that fact
/// allows (so the trace of a filtered-out rule names the condition that excluded it without evaluating anything).
/// A <see langword="null"/> fact set means "every rule".
/// </summary>
internal sealed class CandidateSet
{
    public CandidateSet(ulong[] rules, ulong[] direction, ulong[]? sender, ulong[]? recipient, ulong[]? literal)
    {
        Rules = rules;
        Direction = direction;
        Sender = sender;
        Recipient = recipient;
        Literal = literal;
    }

    public ulong[] Rules { get; }

    public ulong[] Direction { get; }

    public ulong[]? Sender { get; }

    public ulong[]? Recipient { get; }

    public ulong[]? Literal { get; }
}
