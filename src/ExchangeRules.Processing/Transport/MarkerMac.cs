using System;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// The one HMAC construction of our markers (<see cref="ProcessedMarker"/>, the stamp header's seal
/// <see cref="StampSeal"/>): HMAC-SHA256 under the <see cref="OrganizationKey"/> over data that starts with the
/// marker's own label, truncated to 128 bits and written as <c>v1; </c> and Base64. A value verifies under the current
/// key or, during a rotation, under the previous one (<see cref="OrganizationKey.Previous"/>).
/// </summary>
internal static class MarkerMac
{
    private const string _format = "v1";
    private const int _macBytes = 16;

    /// <summary>The marker value for <paramref name="signed"/> under the current key.</summary>
    public static string Value(OrganizationKey key, byte[] signed) =>
        _format + "; " + Convert.ToBase64String(Mac(key, signed));

    /// <summary>Whether <paramref name="value"/> is the marker value of <paramref name="signed"/> under the current or the previous key.</summary>
    public static bool Verifies(OrganizationKey key, byte[] signed, string value)
    {
        if (!TryRead(value, out var mac))
        {
            return false;
        }

        // Both keys are always computed, so the time taken does not tell which one (or whether the first) matched.
        var current = FixedTimeEquals(mac, Mac(key, signed));
        var previous = key.Previous is not null && FixedTimeEquals(mac, Mac(key.Previous, signed));
        return current | previous;
    }

    private static byte[] Mac(OrganizationKey key, byte[] signed)
    {
        var full = key.Sign(signed);
        var mac = new byte[_macBytes];
        Buffer.BlockCopy(full, 0, mac, 0, _macBytes);
        return mac;
    }

    private static bool TryRead(string value, out byte[] mac)
    {
        mac = Array.Empty<byte>();
        var text = (value ?? string.Empty).Trim();
        var separator = text.IndexOf(';');
        if (separator < 0 || !string.Equals(text.Substring(0, separator).Trim(), _format, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            mac = Convert.FromBase64String(text.Substring(separator + 1).Trim());
            return mac.Length == _macBytes;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool FixedTimeEquals(byte[] left, byte[] right)
    {
        var difference = left.Length ^ right.Length;
        for (var i = 0; i < left.Length && i < right.Length; i++)
        {
            difference |= left[i] ^ right[i];
        }

        return difference == 0;
    }
}
