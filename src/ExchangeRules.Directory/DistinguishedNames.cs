using System;
using System.Collections.Generic;
using System.Text;

namespace ExchangeRules.Directory;

/// <summary>Compares distinguished names the way directories do: case-insensitively, ignoring spaces around separators.</summary>
internal static class DistinguishedNames
{
    public static StringComparer Comparer { get; } = new NormalizingComparer();

    public static string Normalize(string dn)
    {
        var builder = new StringBuilder(dn.Length);
        foreach (var rdn in Split(dn))
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            var equals = rdn.IndexOf('=');
            builder.Append(equals < 0 ? rdn.Trim() : rdn.Substring(0, equals).Trim() + "=" + rdn.Substring(equals + 1).Trim());
        }

        return builder.ToString().ToUpperInvariant();
    }

    public static bool LooksLikeDistinguishedName(string text)
    {
        var equals = text.IndexOf('=');
        return equals > 0 && text.IndexOf('@') < 0;
    }

    private static IEnumerable<string> Split(string dn)
    {
        var start = 0;
        for (var i = 0; i < dn.Length; i++)
        {
            if (dn[i] == '\\')
            {
                i++;
                continue;
            }

            if (dn[i] is ',' or ';')
            {
                yield return dn.Substring(start, i - start);
                start = i + 1;
            }
        }

        yield return dn.Substring(start);
    }

    private sealed class NormalizingComparer : StringComparer
    {
        public override int Compare(string? x, string? y) =>
            string.CompareOrdinal(x is null ? null : Normalize(x), y is null ? null : Normalize(y));

        public override bool Equals(string? x, string? y) => Compare(x, y) == 0;

        public override int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(Normalize(obj));
    }
}
