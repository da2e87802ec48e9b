using System;
using System.Collections.Generic;
using System.Text;
using ExchangeRules.Mime.Html;

namespace ExchangeRules.Mime.Text;

/// <summary>Renders the plain-text variant of an inserted block with sane line wrapping.</summary>
internal static class PlainTextRenderer
{
    /// <summary>The text to insert: the action's text variant, or text derived from its HTML.</summary>
    public static string SourceText(string text, string html)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        return string.IsNullOrWhiteSpace(html) ? string.Empty : HtmlParsing.PlainTextOf(html);
    }

    /// <summary>Wraps every line at word boundaries to at most <paramref name="width"/> characters; long words are kept whole.</summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var result = new List<string>();
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Trim('\n').Split('\n');
        foreach (var raw in lines)
        {
            var line = TrimLineEnd(raw);
            if (line.Length <= width)
            {
                result.Add(line);
                continue;
            }

            var current = new StringBuilder();
            foreach (var word in line.Split(' '))
            {
                if (current.Length > 0 && current.Length + 1 + word.Length > width)
                {
                    result.Add(current.ToString());
                    current.Clear();
                }

                if (current.Length > 0)
                {
                    current.Append(' ');
                }

                current.Append(word);
            }

            result.Add(current.ToString());
        }

        return result;
    }

    /// <summary>
    /// The usenet signature separator, "-- " (dash, dash, space, RFC 3676 section 4.3): mail clients recognise a
    /// signature by it, and only with its trailing space.
    /// </summary>
    public const string SignatureSeparator = "-- ";

    /// <summary>
    /// The line without trailing whitespace, except the signature separator, which keeps its one trailing space (a
    /// separator typed as "--", or with more trailing blanks, becomes "-- ").
    /// </summary>
    public static string TrimLineEnd(string line)
    {
        var trimmed = line.TrimEnd();
        return trimmed == "--" && line.Length > 2 ? SignatureSeparator : trimmed;
    }

    /// <summary>Collapses text for fingerprint comparison: no whitespace, no quote prefixes, lower case.</summary>
    public static string Fingerprint(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '>' && c != '\u200b')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    public static bool ContainsFingerprint(string haystack, string needle)
    {
        var fingerprint = Fingerprint(needle);
        return fingerprint.Length >= 4 && Fingerprint(haystack).IndexOf(fingerprint, StringComparison.Ordinal) >= 0;
    }
}
