using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Evaluation;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>A rule plan that answers with whatever the test decides.</summary>
internal sealed class FakePlan : IRulePlan
{
    private readonly Func<MessageContext, EvaluationResult> _evaluate;

    public FakePlan(Func<MessageContext, EvaluationResult> evaluate)
    {
        _evaluate = evaluate;
    }

    public List<MessageContext> Seen { get; } = new();

    public static FakePlan Deciding(params CopyDecision[] copies) => new(context => Result(copies));

    public static FakePlan AllRecipients(params PlannedAction[] actions) =>
        new(context => Result(new CopyDecision(context.Envelope.Recipients, actions)));

    public static EvaluationResult Result(params CopyDecision[] copies)
    {
        var rules = copies.SelectMany(copy => copy.Actions).Select(action => action.RuleName).Distinct()
            .Select(name => new RuleTrace(name, true, "because the test says so")).ToList();
        return new EvaluationResult(copies, new EvaluationTrace(rules));
    }

    public EvaluationResult Evaluate(MessageContext context)
    {
        Seen.Add(context);
        return _evaluate(context);
    }
}
