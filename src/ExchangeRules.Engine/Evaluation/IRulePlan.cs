namespace ExchangeRules.Engine.Evaluation;

/// <summary>A compiled, immutable rule set. Safe to evaluate from many threads at once.</summary>
public interface IRulePlan
{
    /// <summary>Evaluates every rule against the message and decides, per copy, which actions apply.</summary>
    EvaluationResult Evaluate(MessageContext context);
}
