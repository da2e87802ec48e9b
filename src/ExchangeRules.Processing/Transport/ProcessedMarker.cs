using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// The loop marker every host writes on each message the agent has processed, edited or not
/// (<c>X-ExchangeRules-Processed: server FQDN</c>). The Exchange Online redirect rule excludes messages carrying
/// it, so a message returns to on-premises at most once, and a host skips a message that already carries it.
/// Like every <c>X-ExchangeRules-*</c> header it is trusted only on mail that entered authenticated or over the
/// hybrid connector: on anonymous (internet) mail it is ignored and removed, so a spoofed marker cannot suppress
/// a banner. The per-rule record of what was stamped is a different header (<c>X-ExchangeRules-Stamped</c>).
/// </summary>
public static class ProcessedMarker
{
    /// <summary>The header name.</summary>
    public const string Name = "X-ExchangeRules-Processed";

    /// <summary>Whether a marker found on a message that entered this way proves our organisation processed it.</summary>
    public static bool IsTrusted(SubmissionOrigin origin) =>
        origin is SubmissionOrigin.Authenticated or SubmissionOrigin.HybridConnector;

    /// <summary>The header value for a message processed on <paramref name="server"/>.</summary>
    public static string ValueFor(string? server) =>
        string.IsNullOrWhiteSpace(server) ? "processed" : server!.Trim();
}
