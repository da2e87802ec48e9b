using System;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// An SMTP address as transport routes it. Comparison ignores case; an invalid address can be held
/// (<see cref="IsValid"/> tells). See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa579521(v=exchg.150).
/// </summary>
[Serializable]
public struct RoutingAddress : IEquatable<RoutingAddress>, IComparable<RoutingAddress>
{
    /// <summary>The empty address.</summary>
    public static readonly RoutingAddress Empty;

    /// <summary>The null reverse path <c>&lt;&gt;</c>. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa566594(v=exchg.150).</summary>
    public static readonly RoutingAddress NullReversePath = new("<>");

    private const string _nullReversePathText = "<>";

    private readonly string _address;

    /// <summary>Wraps <paramref name="address"/> without validating it; null or empty gives <see cref="Empty"/>.</summary>
    public RoutingAddress(string address)
    {
        _address = string.IsNullOrEmpty(address) ? null : address;
    }

    /// <summary>Builds <c>local@domain</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="local"/> is null, or <paramref name="domain"/> is null for anything but <c>&lt;&gt;</c>.</exception>
    public RoutingAddress(string local, string domain)
    {
        if (local is null)
        {
            throw new ArgumentNullException(nameof(local));
        }

        if (domain is null && local != _nullReversePathText)
        {
            throw new ArgumentNullException(nameof(domain));
        }

        _address = domain is null ? local : local + "@" + domain;
    }

    /// <summary>The length of the address text.</summary>
    public int Length => _address?.Length ?? 0;

    /// <summary>The local part, or <see langword="null"/> when the address is not valid.</summary>
    public string LocalPart => IsNullReversePath ? _nullReversePathText : SmtpAddressSyntax.TrySplit(_address, out string local, out _) ? local : null;

    /// <summary>The domain part, or <see langword="null"/> when the address is not valid.</summary>
    public string DomainPart => SmtpAddressSyntax.TrySplit(_address, out _, out string domain) ? domain : null;

    /// <summary>Whether the address is a valid SMTP address or the null reverse path (address literals are not valid).</summary>
    public bool IsValid => IsNullReversePath || SmtpAddressSyntax.TrySplit(_address, out _, out _);

    /// <summary>Whether the address has non-ASCII characters.</summary>
    public bool IsUTF8 => SmtpAddressSyntax.HasNonAscii(_address);

    private bool IsNullReversePath => _address == _nullReversePathText;

    /// <summary>Whether <paramref name="address"/> is a valid SMTP address.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    public static bool IsValidAddress(string address)
    {
        if (address is null)
        {
            throw new ArgumentNullException(nameof(address));
        }

        return new RoutingAddress(address).IsValid;
    }

    /// <summary>Whether <paramref name="address"/> has non-ASCII characters.</summary>
    public static bool IsUTF8Address(string address) => SmtpAddressSyntax.HasNonAscii(address);

    /// <summary>Parses a valid SMTP address.</summary>
    /// <exception cref="FormatException"><paramref name="address"/> is not a valid SMTP address.</exception>
    public static RoutingAddress Parse(string address)
    {
        var result = new RoutingAddress(address);
        if (!result.IsValid)
        {
            throw new FormatException($"'{address}' is not a valid SMTP address.");
        }

        return result;
    }

    /// <summary>Whether <paramref name="address"/> is empty.</summary>
    public static bool IsEmpty(RoutingAddress address) => address.Length == 0;

    /// <summary>Compares two addresses ignoring case.</summary>
    public static bool operator ==(RoutingAddress a, RoutingAddress b) => a.Equals(b);

    /// <summary>Compares two addresses ignoring case.</summary>
    public static bool operator !=(RoutingAddress a, RoutingAddress b) => !a.Equals(b);

    /// <summary>The address text; empty for <see cref="Empty"/>.</summary>
    public static explicit operator string(RoutingAddress address) => address.ToString();

    /// <summary>Wraps <paramref name="address"/> without validating it.</summary>
    public static explicit operator RoutingAddress(string address) => new(address);

    /// <summary>Compares two addresses ignoring case.</summary>
    public int CompareTo(RoutingAddress address) => string.Compare(_address, address._address, StringComparison.OrdinalIgnoreCase);

    /// <summary>Compares with another <see cref="RoutingAddress"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not a <see cref="RoutingAddress"/>.</exception>
    public int CompareTo(object address) => address is RoutingAddress other
        ? CompareTo(other)
        : throw new ArgumentException("The object is not a RoutingAddress.", nameof(address));

    /// <summary>Compares two addresses ignoring case.</summary>
    public bool Equals(RoutingAddress obj) => string.Equals(ToString(), obj.ToString(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Compares with another <see cref="RoutingAddress"/>; like Exchange, throws for any other type.</summary>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not a <see cref="RoutingAddress"/>.</exception>
#pragma warning disable CA1065 // Mirrors Exchange: Equals(object) rejects other types (reference §1.12).
    public override bool Equals(object obj) => obj is RoutingAddress other
        ? Equals(other)
        : throw new ArgumentException("The object is not a RoutingAddress.", nameof(obj));
#pragma warning restore CA1065

    /// <summary>A hash that ignores case.</summary>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());

    /// <summary>The address text; empty for <see cref="Empty"/>.</summary>
    public override string ToString() => _address ?? string.Empty;
}
