namespace ExchangeRules.Engine.Evaluation;

/// <summary>
/// Implemented by rule plans that know, without a message, whether any of their rules adds, BCCs or redirects
/// recipients, and can evaluate only those rules. Hosts use it at the one transport event where recipients can be
/// added: nothing is evaluated there when no rule changes recipients, and only the recipient rules otherwise.
/// </summary>
public interface IRecipientChangingPlan
{
    /// <summary>Whether any enabled rule has an add-recipient, BCC or redirect action.</summary>
    bool MayChangeRecipients { get; }

    /// <summary>
    /// Evaluates only the rules that can change recipients (a subset built once when the plan is compiled: the rules
    /// with an add-recipient, BCC or redirect action and the stop-processing rules before them) and returns only their
    /// recipient changes; every other rule is traced as not evaluated. A rule of the subset applies and stops
    /// processing exactly as in <see cref="IRulePlan.Evaluate"/>. With no such rule nothing is evaluated.
    /// </summary>
    EvaluationResult EvaluateRecipientChanges(MessageContext context);
}
