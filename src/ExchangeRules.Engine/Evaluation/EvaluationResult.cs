using System.Collections.Generic;

namespace ExchangeRules.Engine.Evaluation;

/// <summary>What evaluation decided: one or more copies (more than one means split) and the trace that explains it.</summary>
public sealed class EvaluationResult
{
    private static readonly IReadOnlyList<string> _unnamedRule = new[] { "(a required rule)" };

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
        : this(copies, trace, requiredRuleFailed ? _unnamedRule : System.Array.Empty<string>())
    {
    }

    /// <summary>Creates a result that names the failClosed rules that failed during evaluation.</summary>
    /// <param name="copies">The copies.</param>
    /// <param name="trace">The trace.</param>
    /// <param name="failedRequiredRules">The names of the rules with the failClosed policy whose evaluation or rendering failed.</param>
    public EvaluationResult(IReadOnlyList<CopyDecision> copies, EvaluationTrace trace, IReadOnlyList<string> failedRequiredRules)
    {
        Copies = copies;
        Trace = trace;
        FailedRequiredRules = failedRequiredRules ?? System.Array.Empty<string>();
        RequiredRuleFailed = FailedRequiredRules.Count > 0;
    }

    /// <summary>The failClosed rules whose evaluation or rendering failed (the host defers the message); empty when none did.</summary>
    public IReadOnlyList<string> FailedRequiredRules { get; }

    /// <summary>The copies; the first keeps the original mail item, the others are split off.</summary>
    public IReadOnlyList<CopyDecision> Copies { get; }

    /// <summary>Why each rule applied or not.</summary>
    public EvaluationTrace Trace { get; }

    /// <summary>
    /// Whether a rule whose failure policy is <see cref="Actions.FailurePolicy.FailClosed"/> failed during evaluation
    /// (a regular expression timed out, a template failed to render, the directory was down, the body was over a limit):
    /// the message processor defers the message.
    /// Failed fail-open rules are simply not applied (see their <see cref="RuleTrace.Failed"/>).
    /// </summary>
    public bool RequiredRuleFailed { get; }

    /// <summary>
    /// Whether evaluation was stopped by <see cref="MessageContext.CancellationToken"/> (the time budget was spent or the
    /// host cancelled): the rules it did not finish are in the trace as failed, under their failure policies.
    /// </summary>
    public bool Cancelled { get; init; }
}
