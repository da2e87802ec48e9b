using System;

namespace ExchangeRules.Mime.Html;

/// <summary>
/// Where the rendered body of HTML without a <c>&lt;body&gt;</c> tag begins (Gmail and other clients send fragments such
/// as <c>&lt;div dir="ltr"&gt;Hello&lt;/div&gt;</c> or bare text): after what the HTML5 parser keeps in the head, at
/// the first thing that makes it open the implied body (text, or any element that does not belong in the head).
/// </summary>
/// <remarks>
/// Skipped, as the "before html", "before head", "in head" and "after head" insertion modes do: whitespace, the
/// doctype, comments, the <c>html</c> and <c>head</c> tags and their end tags, the void head elements (<c>meta</c>,
/// <c>link</c>, <c>base</c>, <c>basefont</c>, <c>bgsound</c>) and the head elements with content (<c>title</c>,
/// <c>style</c>, <c>script</c>, <c>noscript</c>, <c>noframes</c>, <c>template</c>), whose content is never rendered. A
/// <c>&lt;body&gt;</c> tag inside those elements or comments is not the body. (HTML Standard, 13.2.6.4.1–13.2.6.4.6.)
/// </remarks>
internal static class ImpliedBodyStart
{
    private static readonly string[] _voidHeadElements = { "meta", "link", "base", "basefont", "bgsound" };
    private static readonly string[] _headElementsWithContent = { "title", "style", "script", "noscript", "noframes", "template" };
    private static readonly string[] _structureTags = { "html", "head", "/html", "/head" };

    /// <summary>The offset of the first thing the implied body holds (the end of <paramref name="html"/> when it holds nothing).</summary>
    public static int Find(string html)
    {
        var at = 0;
        while (true)
        {
            while (at < html.Length && char.IsWhiteSpace(html[at]))
            {
                at++;
            }

            if (at >= html.Length || html[at] != '<')
            {
                return at;
            }

            if (string.CompareOrdinal(html, at, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", at + 4, StringComparison.Ordinal);
                at = close < 0 ? html.Length : close + 3;
                continue;
            }

            if (at + 1 < html.Length && html[at + 1] is '!' or '?')
            {
                // The doctype (or a bogus comment such as an XML declaration).
                at = HtmlTags.EndOfTag(html, at);
                continue;
            }

            var name = TagName(html, at + 1);
            if (Array.IndexOf(_structureTags, name) >= 0 || Array.IndexOf(_voidHeadElements, name) >= 0)
            {
                at = HtmlTags.EndOfTag(html, at);
                continue;
            }

            if (Array.IndexOf(_headElementsWithContent, name) >= 0)
            {
                var close = html.IndexOf("</" + name, HtmlTags.EndOfTag(html, at), StringComparison.OrdinalIgnoreCase);
                at = close < 0 ? html.Length : HtmlTags.EndOfTag(html, close);
                continue;
            }

            // Any other tag (or a '<' that starts no tag, which is text) opens the body.
            return at;
        }
    }

    /// <summary>The lower-case tag name starting at <paramref name="from"/> (with a leading '/' for an end tag).</summary>
    private static string TagName(string html, int from)
    {
        var end = from;
        if (end < html.Length && html[end] == '/')
        {
            end++;
        }

        while (end < html.Length && (char.IsLetterOrDigit(html[end]) || html[end] is ':' or '-'))
        {
            end++;
        }

        return html.Substring(from, end - from).ToLowerInvariant();
    }

}
