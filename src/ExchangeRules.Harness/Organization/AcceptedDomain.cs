using System;

namespace ExchangeRules.Harness.Organization;

/// <summary>One accepted domain; <c>*.contoso.com</c> matches every subdomain of contoso.com.</summary>
public sealed class AcceptedDomain
{
    /// <summary>For a wildcard, the parent domain (<c>contoso.com</c>) and the suffix of its subdomains (<c>.contoso.com</c>).</summary>
    private readonly string? _parent;
    private readonly string? _subdomainSuffix;

    /// <summary>Creates an accepted domain.</summary>
    public AcceptedDomain(string name, AcceptedDomainType type)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Type = type;
        if (IsWildcard)
        {
            _parent = name.Substring(2);
            _subdomainSuffix = name.Substring(1);
        }
    }

    /// <summary>The domain name or wildcard specification.</summary>
    public string Name { get; }

    /// <summary>Authoritative or internal relay.</summary>
    public AcceptedDomainType Type { get; }

    /// <summary>Whether this is a wildcard (<c>*.contoso.com</c>).</summary>
    public bool IsWildcard => Name.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="domain"/> is this domain (or, for a wildcard, one of its subdomains).</summary>
    public bool Matches(string domain) => Matches((domain ?? string.Empty).AsSpan());

    /// <summary>Whether <paramref name="domain"/> (for example the part of an address after its @) is this domain.</summary>
    internal bool Matches(ReadOnlySpan<char> domain)
    {
        if (domain.IsEmpty)
        {
            return false;
        }

        // Asked once per recipient of every message: the wildcard's parts are computed once, not per call, and the
        // domain is read in place in the address.
        if (_parent is not null)
        {
            return domain.Equals(_parent.AsSpan(), StringComparison.OrdinalIgnoreCase)
                || domain.EndsWith(_subdomainSuffix.AsSpan(), StringComparison.OrdinalIgnoreCase);
        }

        return domain.Equals(Name.AsSpan(), StringComparison.OrdinalIgnoreCase);
    }
}
