using System.Collections.Generic;

namespace ExchangeRules.Engine.Evaluation;

/// <summary>The explanation of a decision: for each rule, whether it applied and what decided it.</summary>
public sealed class EvaluationTrace
{
    /// <summary>Creates a trace.</summary>
    public EvaluationTrace(IReadOnlyList<RuleTrace> rules)
    {
        Rules = rules;
    }

    /// <summary>One entry per rule, in rule order.</summary>
    public IReadOnlyList<RuleTrace> Rules { get; }
}
