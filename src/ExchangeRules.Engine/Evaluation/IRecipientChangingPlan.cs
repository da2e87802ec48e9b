namespace ExchangeRules.Engine.Evaluation;

/// <summary>
/// Implemented by rule plans that know, without a message, whether any of their rules adds, BCCs or redirects
/// recipients. Hosts use it to evaluate a message at the one transport event where recipients can be added only
/// when that can matter.
/// </summary>
public interface IRecipientChangingPlan
{
    /// <summary>Whether any enabled rule has an add-recipient, BCC or redirect action.</summary>
    bool MayChangeRecipients { get; }
}
