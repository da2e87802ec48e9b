using System.Net;
using System.Text;
using ExchangeRules.Engine.Actions;

namespace ExchangeRules.Mime.Html;

/// <summary>
/// The HTML block the editor inserts: the rule's fragment, made well-formed, inside a <c>div</c> whose data
/// attributes name the rule. The attributes are invisible and let later hops and replies recognise the stamp.
/// Outlook desktop (Word) drops data attributes when a stamped message is replied to; the <c>id</c> (which Word
/// sometimes keeps, or turns into an <c>&lt;a name&gt;</c> bookmark, and Outlook on the web prefixes with <c>x_</c>)
/// and the block's text are what is left to recognise it by.
/// </summary>
internal static class HtmlStamp
{
    public const string RuleAttribute = "data-exr-rule";

    private const string _idPrefix = "exr-";

    public static string Build(InsertContentAction action, string newLine)
    {
        var rule = WebUtility.HtmlEncode(action.RuleName);
        var kind = action.Kind.ToString().ToLowerInvariant();
        var body = HtmlParsing.Normalise(action.Html);
        return $"{newLine}<div {RuleAttribute}=\"{rule}\" data-exr-kind=\"{kind}\" id=\"{IdFor(action.RuleName)}\">{body}</div>{newLine}";
    }

    /// <summary>The attribute text that marks a stamp of this rule.</summary>
    public static string MarkerFor(string ruleName) => $"{RuleAttribute}=\"{WebUtility.HtmlEncode(ruleName)}\"";

    /// <summary>
    /// The stamp's element id: <c>exr-</c> and the rule name in lower-case letters, digits and hyphens. Searched as a
    /// plain substring, so it is found as <c>id="exr-…"</c>, <c>id="x_exr-…"</c> or <c>&lt;a name="exr-…"&gt;</c>.
    /// </summary>
    public static string IdFor(string ruleName)
    {
        var id = new StringBuilder(_idPrefix, _idPrefix.Length + ruleName.Length);
        var hyphen = true;
        foreach (var c in ruleName)
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                id.Append(c);
                hyphen = false;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                id.Append((char)(c + ('a' - 'A')));
                hyphen = false;
            }
            else if (!hyphen)
            {
                id.Append('-');
                hyphen = true;
            }
        }

        return id.ToString().TrimEnd('-');
    }
}
