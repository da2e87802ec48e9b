using System;
using System.Collections.Generic;
using System.Text;

namespace ExchangeRules.Mime.Html;

/// <summary>
/// Keeps the HTML parser linear on hostile nesting. AngleSharp's tree builder checks the stack of open elements on every
/// tag (scopes, active formatting elements), so a part of 100,000 nested elements costs O(depth) per tag, quadratic in
/// all: 20,000 nested blockquotes took 6 s to parse, 100,000 over two minutes. Before parsing, start tags that would open
/// deeper than <see cref="MaxDepth"/> are replaced by spaces of the same length, so that every source offset stays where
/// it was; the raw HTML that is spliced into is never changed.
/// </summary>
/// <remarks>
/// <para>
/// The depth is Chromium's: Blink declares <c>kMaximumHTMLParserDOMTreeDepth = 512</c> in
/// <c>third_party/blink/renderer/core/html/parser/html_construction_site.h</c>, and
/// <c>HTMLConstructionSite::AttachLater</c> in <c>html_construction_site.cc</c> attaches a new node to the parent of
/// the current node instead of the current node once the stack of open elements is deeper than that ("Add as a sibling
/// of the parent if we have reached the maximum depth allowed"). No mail client nests a real message that deep.
/// </para>
/// <para>
/// Beyond the limit we do not build the same tree as Blink. Blink keeps every element: each one past the limit becomes
/// a sibling at the deepest level, keeps its attributes and its own text, and is still pushed on the stack of open
/// elements, so its end tag closes it and what follows returns to the right level. Here the start tags past the limit
/// are gone: their attributes (a reply marker's class or id included) are not seen, their text becomes text of the
/// deepest element, and their end tags, which stay, close the outer elements early, so text that follows the deep part
/// lands at a shallower level than in Blink. The depth also counts differently: Blink's stack includes <c>html</c> and
/// <c>body</c>, and this count skips them and every element whose start tag only closes a sibling or that has no content
/// (<c>p</c>, <c>li</c>, <c>td</c>, <c>br</c> …). For locating a reply's quoted history this is enough: a marker
/// nested 512 levels deep is hostile input, and the text the locator reads is all still there.
/// </para>
/// </remarks>
internal static class NestingLimit
{
    /// <summary>The deepest nesting parsed as elements (Blink's <c>kMaximumHTMLParserDOMTreeDepth</c>, see the remarks).</summary>
    public const int MaxDepth = 512;

    // Elements without content, and elements whose start tag closes an open one of their kind: neither deepens the tree.
    private static readonly HashSet<string> _flat = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rp", "rt", "html", "head", "body",
    };

    private static readonly string[] _rawText = { "script", "style", "title", "textarea", "xmp", "noscript", "plaintext", "iframe", "noembed", "noframes" };

    /// <summary>
    /// <c>[start, end)</c> of <paramref name="html"/> for the parser: the same string when it cannot nest deeper than
    /// <see cref="MaxDepth"/>, else a copy with the start tags beyond that depth blanked out.
    /// </summary>
    public static string ForParsing(string html, int start, int end, EditBudget budget)
    {
        var source = start == 0 && end == html.Length ? html : html.Substring(start, end - start);

        // Fewer tags than the limit cannot nest deeper than it: most parts end here after one vectorised count.
        if (CountTags(source) <= MaxDepth)
        {
            return source;
        }

        StringBuilder? flattened = null;
        var depth = 0;
        var index = source.IndexOf('<');
        while (index >= 0 && index + 1 < source.Length)
        {
            budget.Tick();
            var next = index + 1;
            if (string.CompareOrdinal(source, index, "<!--", 0, 4) == 0)
            {
                var close = source.IndexOf("-->", index + 4, StringComparison.Ordinal);
                next = close < 0 ? source.Length : close + 3;
            }
            else if (source[next] == '/' || char.IsLetter(source[next]))
            {
                var closing = source[next] == '/';
                var nameStart = closing ? next + 1 : next;
                var nameEnd = nameStart;
                while (nameEnd < source.Length && (char.IsLetterOrDigit(source[nameEnd]) || source[nameEnd] is '-' or ':'))
                {
                    nameEnd++;
                }

                var tagEnd = HtmlTags.EndOfTag(source, index);
                var name = source.Substring(nameStart, nameEnd - nameStart);
                next = tagEnd;
                if (name.Length == 0)
                {
                    // Not a tag ("</>" or "< "): text.
                }
                else if (closing)
                {
                    depth = Math.Max(0, depth - (_flat.Contains(name) ? 0 : 1));
                }
                else if (Array.IndexOf(_rawText, name.ToLowerInvariant()) >= 0)
                {
                    // Raw text up to its end tag: nothing inside is a tag.
                    var closer = source.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
                    next = closer < 0 ? source.Length : closer;
                }
                else if (!_flat.Contains(name) && source[tagEnd - 2] != '/')
                {
                    if (depth >= MaxDepth)
                    {
                        flattened ??= new StringBuilder(source);
                        for (var i = index; i < tagEnd; i++)
                        {
                            flattened[i] = ' ';
                        }
                    }
                    else
                    {
                        depth++;
                    }
                }
            }

            index = next < source.Length ? source.IndexOf('<', next) : -1;
        }

        return flattened?.ToString() ?? source;
    }

    private static int CountTags(string source)
    {
        var count = 0;
        for (var index = source.IndexOf('<'); index >= 0 && count <= MaxDepth; index = source.IndexOf('<', index + 1))
        {
            count++;
        }

        return count;
    }

}
