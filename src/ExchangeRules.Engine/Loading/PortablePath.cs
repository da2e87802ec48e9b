using System;
using System.Linq;

namespace ExchangeRules.Engine.Loading;

/// <summary>
/// What Windows (and .NET Framework's path APIs, which throw for it) rejects in a relative file reference. The
/// rules are written for Windows servers; checking here gives the same located error on every platform.
/// </summary>
internal static class PortablePath
{
    private static readonly char[] _forbidden = { '<', '>', '"', '|', '?', '*' };

    /// <summary>Why <paramref name="reference"/> cannot name a file on Windows, or <see langword="null"/> when it can.</summary>
    public static string? Problem(string reference)
    {
        if (reference.Length == 0)
        {
            return "it is empty";
        }

        var control = reference.FirstOrDefault(char.IsControl);
        if (control != default(char))
        {
            return $"it contains the control character U+{(int)control:X4}";
        }

        var forbidden = reference.IndexOfAny(_forbidden);
        if (forbidden >= 0)
        {
            return $"it contains '{reference[forbidden]}' (at character {forbidden + 1}); Windows file names cannot contain < > \" | ? *";
        }

        // Any other colon is an NTFS stream name that .NET Framework refuses ("The given path's format is not supported").
        var colon = reference.IndexOf(':');
        if (colon == 1 && char.IsLetter(reference[0]))
        {
            return "it names a drive; it must be relative to the rules file";
        }

        if (colon >= 0)
        {
            return $"it contains ':' (at character {colon + 1}); Windows file names cannot contain a colon";
        }

        if (reference.StartsWith(@"\\", StringComparison.Ordinal) || reference.StartsWith("//", StringComparison.Ordinal))
        {
            return "it names a network share; it must be relative to the rules file";
        }

        return null;
    }
}
