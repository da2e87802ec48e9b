using ExchangeRules.Engine.Evaluation;

namespace ExchangeRules.Engine.Compilation;

/// <summary>How expensive a condition is; groups evaluate cheaper conditions first.</summary>
internal enum ConditionCost
{
    /// <summary>Envelope facts and the organisation model.</summary>
    Envelope = 0,

    /// <summary>Headers (parsed with the message head).</summary>
    Headers = 1,

    /// <summary>Directory lookups.</summary>
    Directory = 2,

    /// <summary>The attachment list (walks the MIME tree).</summary>
    Structure = 3,

    /// <summary>The body text (parses and decodes the body).</summary>
    Body = 4,
}

/// <summary>A compiled, immutable condition. Evaluation records in the state which condition decided the result.</summary>
internal abstract class Condition
{
    private string? _notMetReason;
    private string? _exceptionReason;
    private RuleTrace? _notMetTrace;
    private RuleTrace? _exceptionTrace;

    /// <summary>The condition in admin words, for example <c>sender domain is contoso.com</c>.</summary>
    public abstract string Description { get; }

    public abstract ConditionCost Cost { get; }

    /// <summary>Whether the result depends on the recipient being evaluated (the rule may split the message).</summary>
    public virtual bool IsPerRecipient => false;

    public string NotMetReason => _notMetReason ??= "not applied: condition not met: " + Description;

    public string ExceptionReason => _exceptionReason ??= "not applied: exception met: " + Description;

    /// <summary>The trace of a rule this condition rejected (built once: a condition belongs to one rule).</summary>
    public RuleTrace NotMetTrace(string ruleName) => Cached(ref _notMetTrace, ruleName, NotMetReason);

    /// <summary>The trace of a rule this condition excepted (built once).</summary>
    public RuleTrace ExceptionTrace(string ruleName) => Cached(ref _exceptionTrace, ruleName, ExceptionReason);

    private static RuleTrace Cached(ref RuleTrace? cache, string ruleName, string reason)
    {
        var trace = cache;
        if (trace is null || !string.Equals(trace.RuleName, ruleName, System.StringComparison.Ordinal))
        {
            trace = new RuleTrace(ruleName, false, reason);
            cache = trace;
        }

        return trace;
    }

    public bool Evaluate(EvaluationState state)
    {
        var result = EvaluateCore(state);
        if (this is not GroupCondition)
        {
            state.Decider = this;
        }

        return result;
    }

    protected abstract bool EvaluateCore(EvaluationState state);
}
