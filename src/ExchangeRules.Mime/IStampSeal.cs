using System.Collections.Generic;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// Authenticates the list of rules in <see cref="StampHeader"/> for one message with the organisation's key (the
/// processing layer implements it with the same HMAC construction as the processed marker). With a seal the header
/// counts only when it verifies, whatever way the message entered; a sender or an insider who writes the header, or
/// plants our stamp in the body, suppresses nothing.
/// </summary>
public interface IStampSeal
{
    /// <summary>The seal (ASCII, without <c>;</c> or <c>,</c>) for a message with these top-level headers stamped by these rules.</summary>
    /// <param name="headers">The message's top-level headers as they are written.</param>
    /// <param name="ruleNames">The rule names the header lists, as written.</param>
    string Seal(HeaderList headers, IReadOnlyCollection<string> ruleNames);

    /// <summary>Whether <paramref name="seal"/> is a valid seal for these headers and rule names.</summary>
    /// <param name="headers">The message's top-level headers as received.</param>
    /// <param name="ruleNames">The rule names the header lists, as read.</param>
    /// <param name="seal">The seal read from the header (everything after the rule list's <c>;</c>).</param>
    bool Verifies(HeaderList headers, IReadOnlyCollection<string> ruleNames, string seal);
}
