using System.Collections.Generic;

namespace ExchangeRules.Engine.Evaluation;

/// <summary>What evaluation decided: one or more copies (more than one means split) and the trace that explains it.</summary>
public sealed class EvaluationResult
{
    /// <summary>Creates a result.</summary>
    public EvaluationResult(IReadOnlyList<CopyDecision> copies, EvaluationTrace trace)
    {
        Copies = copies;
        Trace = trace;
    }

    /// <summary>The copies; the first keeps the original mail item, the others are split off.</summary>
    public IReadOnlyList<CopyDecision> Copies { get; }

    /// <summary>Why each rule applied or not.</summary>
    public EvaluationTrace Trace { get; }
}
