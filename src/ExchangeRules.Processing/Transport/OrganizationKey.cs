using System;
using System.Security.Cryptography;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// The organisation's secret for authenticating our own markers: a random key of at least 32 bytes, generated once at
/// install (<c>install/Install-ExchangeRules.ps1</c>) and configured identically on every server of the organisation
/// (<c>&lt;organizationKey value="base64"/&gt;</c> in ExchangeRules.config.xml). Whoever holds it can forge a processed
/// marker, so the configuration file must be readable only by administrators and the Transport service. During a
/// rotation the key before it (<see cref="Previous"/>, <c>previousValue</c>) still verifies markers but signs none.
/// </summary>
public sealed class OrganizationKey
{
    /// <summary>The fewest bytes a key may have (the HMAC-SHA256 block security level).</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] _key;

    private OrganizationKey(byte[] key, OrganizationKey? previous = null)
    {
        _key = key;
        Previous = previous;
    }

    /// <summary>The key this one replaced, still accepted when verifying; <see langword="null"/> outside a rotation.</summary>
    public OrganizationKey? Previous { get; }

    /// <summary>This key, accepting markers signed with <paramref name="previous"/> too (a rotation in progress).</summary>
    public OrganizationKey WithPrevious(OrganizationKey? previous) =>
        new(_key, previous is null ? null : new OrganizationKey(previous._key));

    /// <summary>Reads a Base64 key.</summary>
    /// <exception cref="FormatException">Not Base64, or shorter than <see cref="MinimumBytes"/> bytes.</exception>
    public static OrganizationKey Parse(string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String((base64 ?? throw new ArgumentNullException(nameof(base64))).Trim());
        }
        catch (FormatException)
        {
            throw new FormatException("The organisation key is not Base64 text.");
        }

        if (key.Length < MinimumBytes)
        {
            throw new FormatException($"The organisation key has {key.Length} bytes; it needs at least {MinimumBytes} (generate one with Install-ExchangeRules.ps1 or 32 random bytes in Base64).");
        }

        return new OrganizationKey(key);
    }

    /// <summary>A new random key, as the install script generates it.</summary>
    public static OrganizationKey Generate()
    {
        var key = new byte[MinimumBytes];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(key);
        }

        return new OrganizationKey(key);
    }

    /// <summary>The key as Base64, for the configuration file.</summary>
    public string ToBase64() => Convert.ToBase64String(_key);

    /// <summary>HMAC-SHA256 of <paramref name="data"/> under this key.</summary>
    internal byte[] Sign(byte[] data)
    {
        using var hmac = new HMACSHA256(_key);
        return hmac.ComputeHash(data);
    }
}
