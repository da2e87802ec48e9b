using System.Net;
using ExchangeRules.Engine.Actions;

namespace ExchangeRules.Mime.Html;

/// <summary>
/// The HTML block the editor inserts: the rule's fragment, made well-formed, inside a <c>div</c> whose data
/// attributes name the rule. The attributes are invisible and let later hops and replies recognise the stamp.
/// </summary>
internal static class HtmlStamp
{
    public const string RuleAttribute = "data-exr-rule";

    public static string Build(InsertContentAction action, string newLine)
    {
        var rule = WebUtility.HtmlEncode(action.RuleName);
        var kind = action.Kind.ToString().ToLowerInvariant();
        var body = HtmlLocator.Normalise(action.Html);
        return $"{newLine}<div {RuleAttribute}=\"{rule}\" data-exr-kind=\"{kind}\">{body}</div>{newLine}";
    }

    /// <summary>The attribute text that marks a stamp of this rule.</summary>
    public static string MarkerFor(string ruleName) => $"{RuleAttribute}=\"{WebUtility.HtmlEncode(ruleName)}\"";
}
