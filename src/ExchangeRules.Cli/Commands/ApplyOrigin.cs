using System;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Cli.Commands;

/// <summary>The values of <c>exrules apply --origin</c>: how the previewed message entered on-premises transport.</summary>
internal static class ApplyOrigin
{
    /// <summary>The accepted values, as typed.</summary>
    public static readonly string[] Names = { "unknown", "anonymous", "authenticated", "hybrid", "partner" };

    /// <summary>
    /// The submission origin the agent would see. <c>partner</c> is a partner (domain-secured, mutual TLS) connector:
    /// Exchange stamps <c>X-MS-Exchange-Organization-AuthAs: Partner</c>, and the agent treats that sender as outside
    /// (see SubmissionOriginClassifier); <c>hybrid</c> is mail from Exchange Online over the hybrid connector.
    /// </summary>
    public static SubmissionOrigin Parse(string? name) => (name ?? "unknown").ToLowerInvariant() switch
    {
        "anonymous" or "partner" => SubmissionOrigin.Anonymous,
        "authenticated" => SubmissionOrigin.Authenticated,
        "hybrid" => SubmissionOrigin.HybridConnector,
        "unknown" => SubmissionOrigin.Unknown,
        _ => throw new ArgumentException($"unknown origin '{name}' (expected one of: {string.Join(", ", Names)})", nameof(name)),
    };
}
