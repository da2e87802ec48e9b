using System;

namespace ExchangeRules.Harness.Organization;

/// <summary>One accepted domain; <c>*.contoso.com</c> matches every subdomain of contoso.com.</summary>
public sealed class AcceptedDomain
{
    /// <summary>Creates an accepted domain.</summary>
    public AcceptedDomain(string name, AcceptedDomainType type)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Type = type;
    }

    /// <summary>The domain name or wildcard specification.</summary>
    public string Name { get; }

    /// <summary>Authoritative or internal relay.</summary>
    public AcceptedDomainType Type { get; }

    /// <summary>Whether <paramref name="domain"/> is this domain (or, for a wildcard, one of its subdomains).</summary>
    public bool Matches(string domain)
    {
        if (string.IsNullOrEmpty(domain))
        {
            return false;
        }

        if (Name.StartsWith("*.", StringComparison.Ordinal))
        {
            var parent = Name.Substring(2);
            return domain.Equals(parent, StringComparison.OrdinalIgnoreCase)
                || domain.EndsWith("." + parent, StringComparison.OrdinalIgnoreCase);
        }

        return domain.Equals(Name, StringComparison.OrdinalIgnoreCase);
    }
}
