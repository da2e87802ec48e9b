using System;
using System.Linq;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Mime.Markers;

namespace ExchangeRules.Mime.Html;

/// <summary>
/// Finds insertion offsets in an HTML body with a real HTML5 parser (AngleSharp) that keeps source positions,
/// so the block can be spliced into the original text without re-serialising the document.
/// </summary>
internal static class HtmlLocator
{
    private const int _maxTextBlockLength = 400;
    private static readonly string[] _textBlockTags = { "div", "p", "span", "font", "td", "b", "i", "pre" };

    public static HtmlInsertionPoint Locate(string html, Placement placement, ReplyMarkerSet markers)
    {
        var document = Parse(html);
        var bodyStart = BodyContentStart(html, document);
        var bodyEnd = BodyEnd(html, bodyStart);
        var (markerIndex, markerName) = FindTopmostMarker(html, document, markers);
        var newestEnd = markerIndex ?? bodyEnd;
        var insertAt = placement switch
        {
            Placement.Top => bodyStart,
            Placement.Bottom => bodyEnd,
            _ => newestEnd,
        };
        return new HtmlInsertionPoint(insertAt, newestEnd, markerName);
    }

    /// <summary>The readable text of an HTML fragment (for duplicate detection).</summary>
    public static string TextOf(string html)
    {
        var document = Parse(html);
        return document.Body?.TextContent ?? string.Empty;
    }

    /// <summary>Makes an HTML fragment well-formed (balanced tags) by parsing and serialising it on its own.</summary>
    public static string Normalise(string fragment)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><head></head><body>" + fragment + "</body></html>");
        return document.Body?.InnerHtml ?? string.Empty;
    }

    private static IHtmlDocument Parse(string html) =>
        new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true }).ParseDocument(html);

    private static (int? Index, string? Name) FindTopmostMarker(string html, IHtmlDocument document, ReplyMarkerSet markers)
    {
        var body = document.Body;
        if (body is null)
        {
            return (null, null);
        }

        foreach (var node in body.Descendants())
        {
            if (node is IElement element)
            {
                var index = SourceIndex(html, element);
                if (index is null)
                {
                    continue;
                }

                foreach (var marker in markers.HtmlMarkers)
                {
                    if (marker.MatchesElement(element.LocalName) && AttributeMatches(element, marker))
                    {
                        return (index, marker.Name);
                    }
                }

                if (_textBlockTags.Contains(element.LocalName, StringComparer.OrdinalIgnoreCase))
                {
                    var text = element.TextContent;
                    if (text.Length <= _maxTextBlockLength)
                    {
                        var textMarker = MatchText(Collapse(text), markers);
                        if (textMarker is not null)
                        {
                            return (index, textMarker.Name);
                        }
                    }
                }
            }
            else if (node is IText textNode && textNode.Data.Length <= _maxTextBlockLength)
            {
                var trimmed = Collapse(textNode.Data);
                var textMarker = trimmed.Length > 0 ? MatchText(trimmed, markers) : null;
                if (textMarker is not null)
                {
                    var index = TextNodeIndex(html, textNode, trimmed);
                    if (index is not null)
                    {
                        return (index, textMarker.Name);
                    }
                }
            }
        }

        return (null, null);
    }

    private static ReplyMarker? MatchText(string text, ReplyMarkerSet markers)
    {
        foreach (var marker in markers.TextMarkers)
        {
            if (marker.PlainTextOnly || marker.RequiresNext is not null)
            {
                continue;
            }

            try
            {
                if (marker.Pattern.IsMatch(text))
                {
                    return marker;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological line: this marker does not apply to it.
            }
        }

        return null;
    }

    private static bool AttributeMatches(IElement element, ReplyMarker marker)
    {
        var value = element.GetAttribute(marker.Attribute);
        if (value is null)
        {
            return false;
        }

        try
        {
            return marker.Pattern.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static readonly char[] _whitespace = { ' ', '\t', '\r', '\n', '\u00a0' };

    private static string Collapse(string text) =>
        string.Join(" ", text.Split(_whitespace, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The offset of the element's start tag ('&lt;') in the source, or <see langword="null"/> for implied elements.</summary>
    private static int? SourceIndex(string html, IElement element)
    {
        var reference = element.SourceReference;
        if (reference is null || html.Length == 0)
        {
            return null;
        }

        var index = Math.Min(Math.Max(reference.Position.Position, 0), html.Length - 1);
        while (index >= 0 && html[index] != '<')
        {
            index--;
        }

        if (index < 0 || index + 1 + element.LocalName.Length > html.Length
            || string.Compare(html, index + 1, element.LocalName, 0, element.LocalName.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return null;
        }

        return index;
    }

    private static int? TextNodeIndex(string html, IText textNode, string collapsed)
    {
        // Text nodes carry no source position: search the raw text after the closest preceding element.
        var anchor = textNode.PreviousElementSibling ?? textNode.ParentElement;
        var from = anchor is null ? 0 : SourceIndex(html, anchor) ?? 0;
        var probe = collapsed.Length > 12 ? collapsed.Substring(0, 12) : collapsed;
        var found = html.IndexOf(probe, from, StringComparison.Ordinal);
        return found >= 0 ? found : null;
    }

    private static int BodyContentStart(string html, IHtmlDocument document)
    {
        var body = document.Body;
        if (body is not null)
        {
            var index = SourceIndex(html, body);
            if (index is not null)
            {
                return EndOfTag(html, index.Value);
            }

            var first = body.Descendants().OfType<IElement>().Select(e => SourceIndex(html, e)).FirstOrDefault(i => i is not null);
            if (first is not null)
            {
                return first.Value;
            }
        }

        var headEnd = html.IndexOf("</head", StringComparison.OrdinalIgnoreCase);
        return headEnd >= 0 ? EndOfTag(html, headEnd) : 0;
    }

    private static int BodyEnd(string html, int bodyStart)
    {
        var end = html.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
        if (end < bodyStart)
        {
            end = html.LastIndexOf("</html", StringComparison.OrdinalIgnoreCase);
        }

        return end >= bodyStart ? end : html.Length;
    }

    /// <summary>The offset just after the '&gt;' that closes the tag starting at <paramref name="tagStart"/>, skipping quoted attribute values.</summary>
    private static int EndOfTag(string html, int tagStart)
    {
        var quote = '\0';
        for (var i = tagStart + 1; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return html.Length;
    }
}
