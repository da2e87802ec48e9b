using System;
using System.Linq;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// Decides how a message entered on-premises transport from the organisation authentication headers.
/// Only <c>AuthAs: Internal</c> makes a sender internal: a From header in an accepted domain never does, so a
/// spoofed internal From from the internet stays <see cref="SubmissionOrigin.Anonymous"/>. Internal mail whose
/// authenticating server is an Exchange Online host came over the hybrid connector.
/// </summary>
public static class SubmissionOriginClassifier
{
    // Exchange Online host names (worldwide, Germany, GCC High/DoD, 21Vianet): the AuthSource of mail that
    // Exchange Online sent over the hybrid connector and that on-premises accepted as internal.
    private static readonly string[] _exchangeOnlineHostSuffixes =
    {
        "outlook.com",
        "outlook.de",
        "office365.us",
        "outlook.cn",
    };

    /// <summary>Classifies one message.</summary>
    /// <param name="authentication">The header values; missing headers are <see langword="null"/>.</param>
    /// <returns>
    /// <see cref="SubmissionOrigin.Unknown"/> without an <c>AuthAs</c> header or with a value Exchange does not
    /// stamp; <see cref="SubmissionOrigin.Anonymous"/> for <c>Anonymous</c>, <c>Partner</c> and <c>External</c>;
    /// for <c>Internal</c>: <see cref="SubmissionOrigin.HybridConnector"/> when authenticated by an Exchange Online
    /// host, else <see cref="SubmissionOrigin.Authenticated"/>.
    /// </returns>
    public static SubmissionOrigin Classify(SubmissionAuthentication authentication)
    {
        if (authentication is null)
        {
            throw new ArgumentNullException(nameof(authentication));
        }

        string authAs = (authentication.AuthAs ?? string.Empty).Trim();
        if (authAs.Equals("Internal", StringComparison.OrdinalIgnoreCase))
        {
            return IsExchangeOnlineHost(authentication.AuthSource) ? SubmissionOrigin.HybridConnector : SubmissionOrigin.Authenticated;
        }

        // Partner (domain-secured) and External (externally authenticated) senders are outside the organisation.
        return authAs.Equals("Anonymous", StringComparison.OrdinalIgnoreCase)
            || authAs.Equals("Partner", StringComparison.OrdinalIgnoreCase)
            || authAs.Equals("External", StringComparison.OrdinalIgnoreCase)
            ? SubmissionOrigin.Anonymous
            : SubmissionOrigin.Unknown;
    }

    /// <summary>Whether <paramref name="host"/> is an Exchange Online server name.</summary>
    public static bool IsExchangeOnlineHost(string? host)
    {
        string name = (host ?? string.Empty).Trim().TrimEnd('.');
        return name.Length != 0 && _exchangeOnlineHostSuffixes.Any(suffix =>
            name.Equals(suffix, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase));
    }
}
