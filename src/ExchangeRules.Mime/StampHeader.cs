using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Messages;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// The processed-marker header (<c>X-ExchangeRules-Stamped: rule names</c>) that stops a message from being
/// stamped twice when it crosses on-premises transport more than once. The header is trusted only on mail
/// that entered from inside the organisation: on anonymous (internet) mail it is ignored and removed when
/// the message is rewritten, so a spoofed header cannot suppress a banner.
/// </summary>
public static class StampHeader
{
    /// <summary>The header name.</summary>
    public const string Name = "X-ExchangeRules-Stamped";

    // The line ending MimeKit itself gives the header values it formats; headers are written in the message's own.
    private static readonly string _newLine = FormatOptions.Default.NewLineFormat == NewLineFormat.Dos ? "\r\n" : "\n";
    private static readonly string[] _separator = { ", " };

    /// <summary>Whether the header can be trusted on a message that entered this way.</summary>
    public static bool IsTrusted(SubmissionOrigin origin) =>
        origin is SubmissionOrigin.Authenticated or SubmissionOrigin.HybridConnector;

    internal static ISet<string> ReadRuleNames(HeaderList headers)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers.Where(h => string.Equals(h.Field, Name, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var name in header.Value.Split(','))
            {
                var trimmed = name.Trim();
                if (trimmed.Length > 0)
                {
                    names.Add(trimmed);
                }
            }
        }

        return names;
    }

    internal static void Write(HeaderList headers, IEnumerable<string> ruleNames)
    {
        var value = string.Join(", ", ruleNames.Distinct(StringComparer.OrdinalIgnoreCase).Select(Sanitise));
        headers.RemoveAll(Name);
        if (value.Length > 0)
        {
            // The value is printable ASCII (see Sanitise), so it is folded here rather than by MimeKit's RFC 2047
            // encoder, which splits every value into encoded-word candidates: a tenth of a stamp's garbage.
            var header = new Header(Name, string.Empty);
            header.SetRawValue(Folded(value));
            headers.Add(header);
        }
    }

    /// <summary>The raw header value: folded after commas so that lines stay within 78 characters where the names allow.</summary>
    private static byte[] Folded(string value)
    {
        var raw = new StringBuilder(value.Length + 8);
        var column = Name.Length + 1;
        foreach (var item in value.Split(_separator, StringSplitOptions.None))
        {
            var first = raw.Length == 0;
            var width = (first ? 1 : 2) + item.Length;
            if (!first)
            {
                raw.Append(',');
                if (column + width > 78)
                {
                    raw.Append(_newLine);
                    column = 0;
                }
            }

            raw.Append(' ').Append(item);
            column += width;
        }

        return Encoding.ASCII.GetBytes(raw.Append(_newLine).ToString());
    }

    private static string Sanitise(string ruleName) =>
        new string(ruleName.Where(c => c >= 0x20 && c < 0x7f && c != ',').ToArray()).Trim();
}
