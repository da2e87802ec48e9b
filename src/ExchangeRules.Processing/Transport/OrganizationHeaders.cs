namespace ExchangeRules.Processing.Transport;

/// <summary>
/// The organisation headers Exchange stamps on every message it accepts. Its header firewall strips them from
/// untrusted senders, so inside transport they describe how the message really entered.
/// </summary>
public static class OrganizationHeaders
{
    /// <summary><c>Anonymous</c>, <c>Internal</c>, <c>Partner</c> or <c>External</c>.</summary>
    public const string AuthAs = "X-MS-Exchange-Organization-AuthAs";

    /// <summary>The FQDN of the server that authenticated the submission.</summary>
    public const string AuthSource = "X-MS-Exchange-Organization-AuthSource";

    /// <summary>The authentication mechanism, a two-digit hexadecimal code.</summary>
    public const string AuthMechanism = "X-MS-Exchange-Organization-AuthMechanism";
}
