using System.Collections.Generic;

namespace ExchangeRules.Engine.Evaluation;

/// <summary>What evaluation decided: one or more copies (more than one means split) and the trace that explains it.</summary>
public sealed class EvaluationResult
{
    /// <summary>Creates a result.</summary>
    public EvaluationResult(IReadOnlyList<CopyDecision> copies, EvaluationTrace trace)
        : this(copies, trace, false)
    {
    }

    /// <summary>Creates a result that may report a failed required rule.</summary>
    /// <param name="copies">The copies.</param>
    /// <param name="trace">The trace.</param>
    /// <param name="requiredRuleFailed">Whether a rule with the failClosed policy failed during evaluation.</param>
    public EvaluationResult(IReadOnlyList<CopyDecision> copies, EvaluationTrace trace, bool requiredRuleFailed)
    {
        Copies = copies;
        Trace = trace;
        RequiredRuleFailed = requiredRuleFailed;
    }

    /// <summary>The copies; the first keeps the original mail item, the others are split off.</summary>
    public IReadOnlyList<CopyDecision> Copies { get; }

    /// <summary>Why each rule applied or not.</summary>
    public EvaluationTrace Trace { get; }

    /// <summary>
    /// Whether a rule whose failure policy is <see cref="Actions.FailurePolicy.FailClosed"/> failed during evaluation
    /// (a regular expression timed out, a template failed to render, ...): the host should defer the message.
    /// Failed fail-open rules are simply not applied (see their <see cref="RuleTrace.Failed"/>).
    /// </summary>
    public bool RequiredRuleFailed { get; }

    /// <summary>
    /// Whether evaluation was stopped by <see cref="MessageContext.CancellationToken"/> (the time budget was spent or the
    /// host cancelled): the rules it did not finish are in the trace as failed, under their failure policies.
    /// </summary>
    public bool Cancelled { get; init; }
}
