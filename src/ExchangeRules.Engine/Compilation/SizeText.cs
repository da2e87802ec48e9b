using System;
using System.Globalization;

namespace ExchangeRules.Engine.Compilation;

/// <summary>Parses and formats sizes such as <c>10MB</c> (1 KB = 1024 bytes).</summary>
internal static class SizeText
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var value = text.Trim().ToUpperInvariant();
        long multiplier = 1;
        if (value.EndsWith("KB", StringComparison.Ordinal))
        {
            multiplier = 1024;
        }
        else if (value.EndsWith("MB", StringComparison.Ordinal))
        {
            multiplier = 1024 * 1024;
        }
        else if (value.EndsWith("GB", StringComparison.Ordinal))
        {
            multiplier = 1024L * 1024 * 1024;
        }

        value = value.TrimEnd('B', 'K', 'M', 'G').Trim();
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        bytes = number * multiplier;
        return true;
    }

    public static string Format(long bytes) => bytes switch
    {
        _ when bytes >= 1024L * 1024 * 1024 && bytes % (1024L * 1024 * 1024) == 0 => (bytes / (1024L * 1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " GB",
        _ when bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB",
        _ when bytes >= 1024 && bytes % 1024 == 0 => (bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
