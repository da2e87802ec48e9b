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
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(2);
    private const RegexOptions _options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline;

    private static readonly Regex _invisible = new(@"<(script|style|head|title)\b.*?</\1\s*>|<!--.*?-->", _options, _timeout);
    private static readonly Regex _lineBreak = new(@"<br\s*/?>|</(p|div|tr|li|h[1-6]|table|ul|ol|blockquote)\s*>|<(hr|p|div|table)\b[^>]*>", _options, _timeout);
    private static readonly Regex _cell = new(@"</t[dh]\s*>", _options, _timeout);
    private static readonly Regex _link = new(@"<a\b[^>]*?\bhref\s*=\s*(?:""(?<href>[^""]*)""|'(?<href>[^']*)'|(?<href>[^\s>]+))[^>]*>(?<text>.*?)</a\s*>", _options, _timeout);
    private static readonly Regex _image = new(@"<img\b[^>]*?\balt\s*=\s*(?:""(?<alt>[^""]*)""|'(?<alt>[^']*)')[^>]*>", _options, _timeout);
    private static readonly Regex _anyTag = new(@"<[^>]*>", _options, _timeout);
    private static readonly Regex _spaces = new(@"[ \t\u00A0]+", RegexOptions.CultureInvariant, _timeout);
    private static readonly Regex _blankLines = new(@"\n{3,}", RegexOptions.CultureInvariant, _timeout);

    public static string Convert(string html)
    {
        var text = html.Replace("\r\n", "\n").Replace('\n', ' ');
        text = _invisible.Replace(text, string.Empty);
        text = _link.Replace(text, match =>
        {
            var href = WebUtility.HtmlDecode(match.Groups["href"].Value).Trim();
            var label = match.Groups["text"].Value;
            var plainLabel = WebUtility.HtmlDecode(_anyTag.Replace(label, string.Empty)).Trim();
            var target = href;
            var isWeb = href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            return !isWeb || plainLabel.Length == 0 || plainLabel.Equals(target, StringComparison.OrdinalIgnoreCase)
                ? label
                : label + " \u0003" + href + "\u0004";
        });
        text = _image.Replace(text, match => match.Groups["alt"].Value);
        text = _lineBreak.Replace(text, "\n");
        text = _cell.Replace(text, " ");
        text = _anyTag.Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text).Replace('\u0003', '<').Replace('\u0004', '>');
        text = _spaces.Replace(text, " ");
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();

            // The signature separator "-- " keeps its trailing space: clients recognise a signature only with it.
            lines[i] = line == "--" && lines[i].TrimStart().Length > 2 ? "-- " : line;
        }

        return _blankLines.Replace(string.Join("\n", lines), "\n\n").Trim('\n').Replace("\n", "\r\n");
    }
}
