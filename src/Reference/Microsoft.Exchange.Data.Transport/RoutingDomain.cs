using System;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// A domain transport routes to, with its address type (normally <c>smtp</c>). Comparison ignores case.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/bb799688(v=exchg.150).
/// </summary>
[Serializable]
public struct RoutingDomain : IEquatable<RoutingDomain>, IComparable<RoutingDomain>
{
    /// <summary>The SMTP address type.</summary>
    public const string Smtp = "smtp";

    /// <summary>The empty domain.</summary>
    public static readonly RoutingDomain Empty;

    private readonly string _domain;
    private readonly string _type;

    /// <summary>Creates an SMTP domain.</summary>
    /// <exception cref="FormatException"><paramref name="domain"/> is not a valid domain.</exception>
    public RoutingDomain(string domain)
        : this(domain, Smtp)
    {
    }

    /// <summary>Creates a domain of address type <paramref name="type"/>.</summary>
    /// <exception cref="FormatException">The domain or type is empty, or an SMTP domain is not a valid host name.</exception>
    public RoutingDomain(string domain, string type)
    {
        if (string.IsNullOrEmpty(type) || string.IsNullOrEmpty(domain)
            || (string.Equals(type, Smtp, StringComparison.OrdinalIgnoreCase) && !SmtpAddressSyntax.IsValidDomain(domain)))
        {
            throw new FormatException($"'{domain}' is not a valid {type} domain.");
        }

        _domain = domain;
        _type = type;
    }

    /// <summary>The domain name.</summary>
    public string Domain => _domain ?? string.Empty;

    /// <summary>The address type.</summary>
    public string Type => _type ?? string.Empty;

    /// <summary>Parses an SMTP domain.</summary>
    /// <exception cref="FormatException"><paramref name="domain"/> is not a valid domain.</exception>
    public static RoutingDomain Parse(string domain) => new(domain);

    /// <summary>Parses an SMTP domain; returns false when it is not valid.</summary>
    public static bool TryParse(string domain, out RoutingDomain routingDomain)
    {
        if (SmtpAddressSyntax.IsValidDomain(domain))
        {
            routingDomain = new RoutingDomain(domain);
            return true;
        }

        routingDomain = Empty;
        return false;
    }

    /// <summary>The domain of <paramref name="address"/>, or <see cref="Empty"/> when the address is not valid. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/bb856556(v=exchg.150).</summary>
    public static RoutingDomain GetDomainPart(RoutingAddress address)
    {
        string domain = address.DomainPart;
        return domain is null ? Empty : new RoutingDomain(domain);
    }

    /// <summary>Compares two domains ignoring case.</summary>
    public static bool operator ==(RoutingDomain a, RoutingDomain b) => a.Equals(b);

    /// <summary>Compares two domains ignoring case.</summary>
    public static bool operator !=(RoutingDomain a, RoutingDomain b) => !a.Equals(b);

    /// <summary>Whether the address type is <c>smtp</c>.</summary>
    public bool IsSmtp() => string.Equals(Type, Smtp, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the domain is set and, for SMTP, a valid host name.</summary>
    public bool IsValid() => Domain.Length != 0 && (!IsSmtp() || SmtpAddressSyntax.IsValidDomain(Domain));

    /// <summary>Compares two domains ignoring case.</summary>
    public bool Equals(RoutingDomain other) =>
        string.Equals(Domain, other.Domain, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Type, other.Type, StringComparison.OrdinalIgnoreCase);

    /// <summary>Compares with another <see cref="RoutingDomain"/>.</summary>
    public override bool Equals(object obj) => obj is RoutingDomain other && Equals(other);

    /// <summary>Orders domains ignoring case.</summary>
    public int CompareTo(RoutingDomain other)
    {
        int byType = string.Compare(Type, other.Type, StringComparison.OrdinalIgnoreCase);
        return byType != 0 ? byType : string.Compare(Domain, other.Domain, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A hash that ignores case.</summary>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Domain);

    /// <summary>The domain name; other address types are prefixed with their type.</summary>
    public override string ToString() => IsSmtp() || Type.Length == 0 ? Domain : Type + ":" + Domain;
}
