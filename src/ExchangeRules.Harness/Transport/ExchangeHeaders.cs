using System;
using System.Linq;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing.Transport;
using MimeKit;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// The <c>X-MS-Exchange-*</c> headers transport stamps, and the header firewall: organisation headers are trusted
/// only from authenticated sources; anonymous mail has them stripped, and between premises they travel as
/// <c>X-MS-Exchange-CrossPremises-*</c> and are promoted back on the authenticated hybrid connector.
/// </summary>
public static class ExchangeHeaders
{
    /// <summary>Prefix of the headers only transport may set.</summary>
    public const string OrganizationPrefix = "X-MS-Exchange-Organization-";

    /// <summary>Prefix the organisation headers carry between on-premises and Exchange Online.</summary>
    public const string CrossPremisesPrefix = "X-MS-Exchange-CrossPremises-";

    /// <summary>How the sender was authenticated: <c>Internal</c>, <c>Anonymous</c>, <c>Partner</c>, <c>External</c>.</summary>
    public const string AuthAs = OrganizationPrefix + "AuthAs";

    /// <summary>The FQDN of the server that authenticated the sender.</summary>
    public const string AuthSource = OrganizationPrefix + "AuthSource";

    /// <summary>The authentication mechanism code (04 for Exchange-authenticated submission).</summary>
    public const string AuthMechanism = OrganizationPrefix + "AuthMechanism";

    /// <summary>Exchange Online's <c>Incoming</c> / <c>Originating</c> stamp.</summary>
    public const string MessageDirectionality = OrganizationPrefix + "MessageDirectionality";

    /// <summary>The host name Exchange Online's hub servers use in the simulation (a real EXO FQDN ends the same way).</summary>
    public const string ExchangeOnlineHost = "HRNPR01MB0001.harness.prod.outlook.com";

    /// <summary>
    /// How a message entered on-premises transport, read exactly the way the agent reads it inside Exchange
    /// (<see cref="SubmissionOriginClassifier"/>): authenticated as internal by an Exchange Online host is the
    /// hybrid connector, otherwise an on-premises submission; anonymous, partner and external are anonymous;
    /// a missing or unknown AuthAs is unknown (treated as anonymous).
    /// </summary>
    public static SubmissionOrigin ClassifyOrigin(HeaderList headers)
    {
        if (headers is null)
        {
            throw new ArgumentNullException(nameof(headers));
        }

        return SubmissionOriginClassifier.Classify(new SubmissionAuthentication(headers[AuthAs], headers[AuthSource], headers[AuthMechanism]));
    }

    /// <summary>The header firewall for anonymous mail: removes every organisation and cross-premises header.</summary>
    public static void StripTransportHeaders(HeaderList headers)
    {
        RemoveWhere(headers, h => h.Field.StartsWith(OrganizationPrefix, StringComparison.OrdinalIgnoreCase)
            || h.Field.StartsWith(CrossPremisesPrefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Sending over the hybrid connector: organisation headers leave as cross-premises headers.</summary>
    public static void DemoteToCrossPremises(HeaderList headers)
    {
        RemoveWhere(headers, h => h.Field.StartsWith(CrossPremisesPrefix, StringComparison.OrdinalIgnoreCase));
        foreach (var header in headers.Where(h => h.Field.StartsWith(OrganizationPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(header);
            headers.Add(CrossPremisesPrefix + header.Field.Substring(OrganizationPrefix.Length), header.Value);
        }
    }

    /// <summary>Receiving on the authenticated hybrid connector: cross-premises headers become organisation headers again.</summary>
    public static void PromoteCrossPremises(HeaderList headers)
    {
        RemoveWhere(headers, h => h.Field.StartsWith(OrganizationPrefix, StringComparison.OrdinalIgnoreCase));
        foreach (var header in headers.Where(h => h.Field.StartsWith(CrossPremisesPrefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(header);
            headers.Add(OrganizationPrefix + header.Field.Substring(CrossPremisesPrefix.Length), header.Value);
        }
    }

    /// <summary>Stamps the authentication result of a receive connector.</summary>
    public static void StampAuthentication(HeaderList headers, bool isInternal, string authSource)
    {
        if (headers is null)
        {
            throw new ArgumentNullException(nameof(headers));
        }

        headers[AuthAs] = isInternal ? "Internal" : "Anonymous";
        if (isInternal)
        {
            headers[AuthMechanism] = "04";
        }

        headers[AuthSource] = authSource;
    }

    private static void RemoveWhere(HeaderList headers, Func<Header, bool> predicate)
    {
        if (headers is null)
        {
            throw new ArgumentNullException(nameof(headers));
        }

        foreach (var header in headers.Where(predicate).ToList())
        {
            headers.Remove(header);
        }
    }
}
