using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Messages;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// The per-rule stamp record (<c>X-ExchangeRules-Stamped: rule names</c>) that stops a message from being stamped twice
/// when it crosses on-premises transport more than once.
/// <list type="bullet">
/// <item>With an organisation key (<see cref="IStampSeal"/>) the value is <c>rule names; v1; MAC</c>, an HMAC over the
/// message's identity and the names, and the header counts only when it verifies — whatever way the message entered.
/// A forged or altered header suppresses nothing and is replaced when the message is rewritten.</item>
/// <item>Without a key the value is the names alone and, as before keys existed, it is trusted only on mail that
/// entered from inside the organisation (<see cref="IsTrusted"/>): on anonymous mail it is ignored and removed when the
/// message is rewritten.</item>
/// </list>
/// Our stamps in the body (<c>data-exr-rule</c>, the <c>exr-</c> element id, the block's own text) prove an earlier
/// stamp only together with a trusted header naming the rule (with a key), or on mail from inside (without one).
/// </summary>
public static class StampHeader
{
    /// <summary>The header name.</summary>
    public const string Name = "X-ExchangeRules-Stamped";

    // The line ending MimeKit itself gives the header values it formats; headers are written in the message's own.
    private static readonly string _newLine = FormatOptions.Default.NewLineFormat == NewLineFormat.Dos ? "\r\n" : "\n";
    private static readonly string[] _separator = { ", " };

    /// <summary>Whether an unsigned header can be trusted on a message that entered this way (no organisation key).</summary>
    public static bool IsTrusted(SubmissionOrigin origin) =>
        origin is SubmissionOrigin.Authenticated or SubmissionOrigin.HybridConnector;

    /// <summary>
    /// The rules an earlier hop of our organisation stamped, as far as the headers prove it: with a seal the names of
    /// every header that verifies; without one every name when <paramref name="trustsOrigin"/>, none otherwise.
    /// </summary>
    internal static ISet<string> ReadTrustedRuleNames(HeaderList headers, IStampSeal? seal, bool trustsOrigin)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (seal is null && !trustsOrigin)
        {
            return names;
        }

        foreach (var header in headers.Where(h => string.Equals(h.Field, Name, StringComparison.OrdinalIgnoreCase)))
        {
            var value = header.Value;
            var separator = value.IndexOf(';');
            var listed = ReadNames(separator < 0 ? value : value.Substring(0, separator));
            if (seal is not null && (separator < 0 || !seal.Verifies(headers, listed, value.Substring(separator + 1).Trim())))
            {
                continue;
            }

            names.UnionWith(listed);
        }

        return names;
    }

    private static List<string> ReadNames(string list)
    {
        var names = new List<string>();
        foreach (var name in list.Split(','))
        {
            var trimmed = name.Trim();
            if (trimmed.Length > 0)
            {
                names.Add(trimmed);
            }
        }

        return names;
    }

    /// <summary>
    /// Replaces every stamp header with one listing <paramref name="ruleNames"/>, sealed when <paramref name="seal"/> is
    /// given (computed over the headers as they are now: call it after every other header edit); none when the list is empty.
    /// </summary>
    internal static void Write(HeaderList headers, IEnumerable<string> ruleNames, IStampSeal? seal)
    {
        // Written on every stamped message, nearly always with one name: a loop, and a set only from the second name on.
        var names = new List<string>();
        HashSet<string>? seen = null;
        foreach (var ruleName in ruleNames)
        {
            var name = Sanitise(ruleName);
            if (name.Length == 0)
            {
                continue;
            }

            if (names.Count == 0)
            {
                names.Add(name);
                continue;
            }

            seen ??= new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
            if (seen.Add(name))
            {
                names.Add(name);
            }
        }

        headers.RemoveAll(Name);
        if (names.Count > 0)
        {
            var value = string.Join(", ", names);
            if (seal is not null)
            {
                value += "; " + seal.Seal(headers, names);
            }

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

    private static string Sanitise(string ruleName)
    {
        foreach (var c in ruleName)
        {
            if (!IsKept(c))
            {
                return new string(ruleName.Where(IsKept).ToArray()).Trim();
            }
        }

        // A name that is printable ASCII already (the usual case) is only trimmed.
        return ruleName.Trim();
    }

    private static bool IsKept(char c) => c >= 0x20 && c < 0x7f && c != ',' && c != ';';
}
