namespace ExchangeRules.Processing.Transport;

/// <summary>
/// Implemented by processors that can tell, without a message, whether the rules in force could add or redirect
/// recipients. The handler evaluates a message at OnSubmittedMessage (the only event where Exchange lets recipients
/// be added) only when they could, so a rule set without recipient actions costs one evaluation per message.
/// A processor that does not implement it is asked at every submission.
/// </summary>
public interface IRecipientChangeProbe
{
    /// <summary>Whether any rule in force has an add-recipient, BCC or redirect action.</summary>
    bool MayChangeRecipients { get; }
}
