using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// The loop marker <see cref="TransportHandler"/> writes on each message it processed, edited or not
/// (<c>X-ExchangeRules-Processed</c>). The Exchange Online redirect rule excludes messages carrying it, so a message
/// returns to on-premises at most once, and the handler skips a message that carries a trusted one.
/// <list type="bullet">
/// <item>With an <see cref="OrganizationKey"/> the value is <c>v1; </c> and an HMAC-SHA256 (128 bits, Base64, see
/// <see cref="MarkerMac"/>) of the message's <see cref="MessageIdentity"/>: trusted whatever the origin when it verifies, never otherwise — an insider
/// or an internet sender who adds the header skips nothing.</item>
/// <item>Without a key the value is <c>processed</c> and, as before keys existed, any marker is trusted on mail that
/// entered authenticated or over the hybrid connector and ignored on anonymous mail (a start-up warning says so).</item>
/// </list>
/// The value never names a server. The per-rule record of what was stamped is <c>X-ExchangeRules-Stamped</c>.
/// </summary>
public static class ProcessedMarker
{
    /// <summary>The header name.</summary>
    public const string Name = "X-ExchangeRules-Processed";

    /// <summary>The value written without an organisation key.</summary>
    public const string UnsignedValue = "processed";

    // What the MAC covers starts with this label (the stamp header's seal uses another): one MAC cannot stand for the other.
    private const string _version = "v1";

    /// <summary>Whether an unsigned marker found on a message that entered this way proves our organisation processed it.</summary>
    public static bool IsTrusted(SubmissionOrigin origin) =>
        origin is SubmissionOrigin.Authenticated or SubmissionOrigin.HybridConnector;

    /// <summary>Whether any of the marker values found on a message proves our organisation processed it.</summary>
    /// <param name="values">The values of every <see cref="Name"/> header on the message.</param>
    /// <param name="origin">How the message entered.</param>
    /// <param name="key">The organisation key; <see langword="null"/> for the unsigned behaviour.</param>
    /// <param name="identity">The message's identity (required with a key).</param>
    public static bool IsTrusted(IReadOnlyList<string> values, SubmissionOrigin origin, OrganizationKey? key, MessageIdentity? identity)
    {
        if (values is null || values.Count == 0)
        {
            return false;
        }

        if (key is null)
        {
            return IsTrusted(origin);
        }

        if (identity is null)
        {
            return false;
        }

        var signed = identity.ToSignedBytes(_version);
        foreach (var value in values)
        {
            if (MarkerMac.Verifies(key, signed, value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The header value for a message with this identity.</summary>
    public static string ValueFor(OrganizationKey? key, MessageIdentity identity)
    {
        if (key is null)
        {
            return UnsignedValue;
        }

        return MarkerMac.Value(key, (identity ?? throw new ArgumentNullException(nameof(identity))).ToSignedBytes(_version));
    }
}
