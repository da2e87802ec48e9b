using System;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>The benchmark organisation: one accepted domain, every mailbox on-premises.</summary>
internal sealed class BenchmarkOrganization : IOrganization
{
    /// <summary>The shared instance (immutable).</summary>
    public static readonly BenchmarkOrganization Instance = new();

    /// <inheritdoc />
    public bool IsAcceptedDomain(string domain) => string.Equals(domain, "contoso.example", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public RecipientLocation Locate(string smtpAddress)
    {
        ArgumentNullException.ThrowIfNull(smtpAddress);
        var at = smtpAddress.LastIndexOf('@');
        return at >= 0 && IsAcceptedDomain(smtpAddress[(at + 1)..]) ? RecipientLocation.OnPremises : RecipientLocation.External;
    }
}
