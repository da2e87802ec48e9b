using System;
using System.Collections.Generic;
using System.Linq;
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
            headers.Add(Name, value);
        }
    }

    private static string Sanitise(string ruleName) =>
        new string(ruleName.Where(c => c >= 0x20 && c < 0x7f && c != ',').ToArray()).Trim();
}
