using System;
using System.IO;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// File paths as the CLI prints and combines them: with the platform's own separator only. Windows accepts
/// <c>C:/mail/in/a.eml</c>, but the paths .NET builds from it (a folder's files, <c>--out</c> targets) use
/// <c>\</c>, so the output would mix both (<c>C:/mail/in\a.eml</c>); on Linux and macOS <c>\</c> is an ordinary file
/// name character and is left alone.
/// </summary>
internal static class DisplayPath
{
    /// <summary><paramref name="path"/> with this platform's alternative separator replaced by its separator; a URL is left alone.</summary>
    public static string Normalize(string path) => Normalize(path, Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

    /// <summary><paramref name="path"/> with <paramref name="alternative"/> replaced by <paramref name="separator"/> (the rules of one platform).</summary>
    internal static string Normalize(string path, char separator, char alternative)
    {
        if (string.IsNullOrEmpty(path) || separator == alternative || path.Contains("://", StringComparison.Ordinal))
        {
            return path;
        }

        return path.Replace(alternative, separator);
    }
}
