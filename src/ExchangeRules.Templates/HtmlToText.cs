using System;
using System.Net;
using System.Text.RegularExpressions;

namespace ExchangeRules.Templates;

/// <summary>
/// Derives the plain-text variant of a rendered HTML signature when the rule has no text template:
/// block ends and <c>&lt;br&gt;</c> become line breaks, links keep their target ("Web &lt;https://…&gt;"),
/// images their alt text, entities are decoded and blank runs collapsed.
/// </summary>
internal static class HtmlToText
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline;

    private static readonly Regex Invisible = new(@"<(script|style|head|title)\b.*?</\1\s*>|<!--.*?-->", Options, Timeout);
    private static readonly Regex LineBreak = new(@"<br\s*/?>|</(p|div|tr|li|h[1-6]|table|ul|ol|blockquote)\s*>|<(hr|p|div|table)\b[^>]*>", Options, Timeout);
    private static readonly Regex Cell = new(@"</t[dh]\s*>", Options, Timeout);
    private static readonly Regex Link = new(@"<a\b[^>]*?\bhref\s*=\s*(?:""(?<href>[^""]*)""|'(?<href>[^']*)'|(?<href>[^\s>]+))[^>]*>(?<text>.*?)</a\s*>", Options, Timeout);
    private static readonly Regex Image = new(@"<img\b[^>]*?\balt\s*=\s*(?:""(?<alt>[^""]*)""|'(?<alt>[^']*)')[^>]*>", Options, Timeout);
    private static readonly Regex AnyTag = new(@"<[^>]*>", Options, Timeout);
    private static readonly Regex Spaces = new(@"[ \t\u00A0]+", RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex BlankLines = new(@"\n{3,}", RegexOptions.CultureInvariant, Timeout);

    public static string Convert(string html)
    {
        var text = html.Replace("\r\n", "\n").Replace('\n', ' ');
        text = Invisible.Replace(text, string.Empty);
        text = Link.Replace(text, match =>
        {
            var href = WebUtility.HtmlDecode(match.Groups["href"].Value).Trim();
            var label = match.Groups["text"].Value;
            var plainLabel = WebUtility.HtmlDecode(AnyTag.Replace(label, string.Empty)).Trim();
            var target = href;
            var isWeb = href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            return !isWeb || plainLabel.Length == 0 || plainLabel.Equals(target, StringComparison.OrdinalIgnoreCase)
                ? label
                : label + " <" + href + ">";
        });
        text = Image.Replace(text, match => match.Groups["alt"].Value);
        text = LineBreak.Replace(text, "\n");
        text = Cell.Replace(text, " ");
        text = AnyTag.Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text);
        text = Spaces.Replace(text, " ");
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].Trim();
        }

        return BlankLines.Replace(string.Join("\n", lines), "\n\n").Trim('\n').Replace("\n", "\r\n");
    }
}
