using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser.Tokens;
using ExchangeRules.Mime.Markers;

namespace ExchangeRules.Mime.Html;

/// <summary>
/// Finds insertion offsets in one HTML body with a real HTML5 parser (AngleSharp) that keeps source positions, so
/// the block can be spliced into the original text without re-serialising the document. Parsing is the expensive
/// part, so it is done lazily and as little as possible: the raw HTML is first scanned for the literal anchors of
/// the reply markers, and only the body up to the first anchor (plus a window) is parsed; the whole part is parsed
/// only when that prefix cannot decide. One parse serves the marker search and the newest part's text.
/// </summary>
internal sealed class HtmlLocator
{
    private const int _maxTextBlockLength = 400;

    // How far past the first anchor the prefix reaches: the marker's block and enough of what follows to know
    // that the blocks around it are closed or too long to be an attribution line.
    private const int _prefixWindow = 2048;

    // Anchor hits in tags that turn out not to be markers (a border-top table style) before giving up on the tag path.
    private const int _maxTagCandidates = 16;

    private static readonly string[] _textBlockTags = { "div", "p", "span", "font", "td", "b", "i", "pre" };
    private static readonly char[] _whitespace = { ' ', '\t', '\r', '\n', '\u00a0' };

    private readonly string _html;
    private readonly ReplyMarkerSet _markers;
    private readonly EditBudget _budget;
    private readonly int _bodyTag;
    private readonly RawTextRegions _rawText;
    private Newest? _newest;
    private int? _bodyStart;
    private int? _bodyEnd;
    private ParsedHtml? _full;
    private string? _bodyText;

    private readonly bool _isPrefix;

    public HtmlLocator(string html, ReplyMarkerSet markers, EditBudget budget)
        : this(html, markers, budget, isPrefix: false)
    {
    }

    /// <summary>
    /// A locator over the whole HTML, or, with <paramref name="isPrefix"/>, over its first lines only: then every answer
    /// that could depend on the rest throws <see cref="PrefixTooShortException"/>, and the caller reads the whole part.
    /// </summary>
    public HtmlLocator(string html, ReplyMarkerSet markers, EditBudget budget, bool isPrefix)
    {
        _html = html ?? string.Empty;
        _markers = markers;
        _budget = budget;
        _isPrefix = isPrefix;
        _rawText = new RawTextRegions(_html);
        _bodyTag = RealBodyTag(_html, _rawText);
    }

    /// <summary>How many characters of HTML were parsed in all (for tests and profiling).</summary>
    public int ParsedCharacters { get; private set; }

    /// <summary>The offset right after the <c>&lt;body&gt;</c> tag (or of the first body element when there is none).</summary>
    public int BodyStart => _bodyStart ??= FindBodyStart();

    /// <summary>The offset of <c>&lt;/body&gt;</c> (or <c>&lt;/html&gt;</c>, or the end).</summary>
    public int BodyEnd => _bodyEnd ??= FindBodyEnd(_html, BodyStart, _isPrefix);

    /// <summary>The newest part: where the quoted history starts, the topmost marker's name, and the text before it.</summary>
    public Newest NewestPart => _newest ??= FindNewest();

    /// <summary>The readable text of the whole body (parses the whole part).</summary>
    public string BodyText => _bodyText ??= CollectText(Full().Document.Body);

    /// <summary>Where to insert for a placement.</summary>
    public HtmlInsertionPoint Locate(Engine.Actions.Placement placement) => placement switch
    {
        Engine.Actions.Placement.Top => new HtmlInsertionPoint(BodyStart, NewestPart.End, NewestPart.MarkerName),
        Engine.Actions.Placement.Bottom => new HtmlInsertionPoint(BodyEnd, NewestPart.End, NewestPart.MarkerName),
        _ => new HtmlInsertionPoint(NewestPart.End, NewestPart.End, NewestPart.MarkerName),
    };

    private Newest FindNewest()
    {
        var anchors = _markers.HtmlAnchors;
        var attributeAnchors = _markers.HtmlAttributeAnchors;
        var textAnchors = _markers.HtmlTextAnchors;
        if (anchors is null || attributeAnchors is null || textAnchors is null)
        {
            return Search(Full()) ?? new Newest(BodyEnd, null, () => BodyText);
        }

        // One search for both kinds of anchor: the first hit is usually an HTML marker's, and no text anchor starts
        // before it, so the later search for text anchors starts there instead of at the body (a second pass over the
        // newest part cost as much as the first).
        if (_isPrefix && _bodyTag < 0)
        {
            // The body tag may lie beyond the prefix (a long head), and the search must start there.
            throw new PrefixTooShortException();
        }

        var bodyFrom = Math.Max(_bodyTag, 0);
        var noTextAnchorBefore = bodyFrom;
        var from = bodyFrom;
        for (var tries = 0; tries < _maxTagCandidates; tries++)
        {
            var first = FirstAnchor(anchors, from, _html.Length);
            if (from <= noTextAnchorBefore)
            {
                noTextAnchorBefore = Math.Max(noTextAnchorBefore, first < 0 ? _html.Length : first);
            }

            var hit = first < 0 || attributeAnchors.StartsAt(_html, first) ? first : FirstAnchor(attributeAnchors, first, _html.Length);
            if (_isPrefix && (hit < 0 || hit + anchors.MaxLength > _html.Length))
            {
                // An anchor that ends beyond the prefix, or none at all in it: the rest of the part decides.
                throw new PrefixTooShortException();
            }

            if (hit == -1)
            {
                // No HTML marker anywhere (after the tags already ruled out): only a text marker can mark the history.
                var text = FirstTextAnchor(textAnchors, bodyFrom, noTextAnchorBefore, _html.Length);
                return text == -1 ? new Newest(BodyEnd, null, () => TextBefore(BodyEnd)) : FromPrefix(text);
            }

            var tagStart = StartTagAround(hit);
            if (tagStart < 0)
            {
                return FromPrefix(EarliestOf(hit, FirstTextAnchor(textAnchors, bodyFrom, noTextAnchorBefore, Math.Max(hit, bodyFrom))));
            }

            var tagEnd = EndOfTag(_html, tagStart);
            if (_isPrefix && tagEnd >= _html.Length)
            {
                throw new PrefixTooShortException();
            }

            if (!TryMatchTag(tagStart, tagEnd, out var marker))
            {
                return FromPrefix(EarliestOf(tagStart, FirstTextAnchor(textAnchors, bodyFrom, noTextAnchorBefore, tagStart)));
            }

            if (marker is not null)
            {
                if (_isPrefix && tagStart + _prefixWindow + anchors.MaxLength > _html.Length)
                {
                    throw new PrefixTooShortException();
                }

                // A text block around the marker is tested before it: only when no text-marker anchor comes before
                // it, or shortly after it, is the tag alone enough to decide.
                var text = FirstTextAnchor(textAnchors, bodyFrom, noTextAnchorBefore, Math.Min(_html.Length, tagStart + _prefixWindow));
                return text == -1 ? new Newest(tagStart, marker.Name, () => TextBefore(tagStart)) : FromPrefix(EarliestOf(tagStart, text));
            }

            from = tagEnd;
        }

        return FromPrefix(EarliestOf(from, FirstTextAnchor(textAnchors, bodyFrom, noTextAnchorBefore, from)));
    }

    /// <summary>
    /// The first text anchor wholly inside <c>[bodyFrom, to)</c>, knowing that none starts in <c>[bodyFrom, noneBefore)</c>.
    /// </summary>
    private int FirstTextAnchor(AnchorSearcher textAnchors, int bodyFrom, int noneBefore, int to) =>
        FirstAnchor(textAnchors, Math.Max(bodyFrom, Math.Min(noneBefore, to)), to);

    private static int EarliestOf(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

    /// <summary>Parses the body up to a window past the first anchor and searches it; the whole part when that cannot decide.</summary>
    private Newest FromPrefix(int firstAnchor)
    {
        if (_isPrefix)
        {
            throw new PrefixTooShortException();
        }

        var cut = firstAnchor < 0 ? _html.Length : PrefixEnd(firstAnchor + _prefixWindow);
        if (cut < _html.Length)
        {
            var found = Search(Parse(cut));
            if (found is not null)
            {
                return found;
            }
        }

        return Search(Full()) ?? new Newest(BodyEnd, null, () => BodyText);
    }

    /// <summary>The start of the start tag that contains <paramref name="index"/>, or -1 when it is not inside one.</summary>
    private int StartTagAround(int index)
    {
        var tagStart = _html.LastIndexOf('<', index);
        if (tagStart < 0 || tagStart + 1 >= _html.Length || !char.IsLetter(_html[tagStart + 1])
            || EndOfTag(_html, tagStart) <= index || _rawText.Contains(tagStart))
        {
            return -1;
        }

        return tagStart;
    }

    /// <summary>
    /// Parses one start tag on its own and tests it against the HTML markers; false when the tag means nothing on its
    /// own (a table cell outside its table, the document's own html, head or body tags).
    /// </summary>
    private bool TryMatchTag(int tagStart, int tagEnd, out ReplyMarker? marker)
    {
        marker = null;
        var nameEnd = tagStart + 1;
        while (nameEnd < tagEnd && (char.IsLetterOrDigit(_html[nameEnd]) || _html[nameEnd] is ':' or '-'))
        {
            nameEnd++;
        }

        var name = _html.Substring(tagStart + 1, nameEnd - tagStart - 1);
        if (name.Equals("html", StringComparison.OrdinalIgnoreCase) || name.Equals("head", StringComparison.OrdinalIgnoreCase)
            || name.Equals("body", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        _budget.Check();
        var tag = HtmlParsing.StartTag(_html.Substring(tagStart, tagEnd - tagStart));
        if (tag is null || !string.Equals(tag.Name, name, StringComparison.OrdinalIgnoreCase) || IgnoredInBody(tag.Name))
        {
            return false;
        }

        marker = MatchMarker(tag.Name, tag, static (token, attribute) => FindAttribute(token, attribute));
        return true;
    }

    /// <summary>Start tags the tree builder ignores in a body outside their context (a table cell outside its table).</summary>
    private static bool IgnoredInBody(string name) => name is "caption" or "col" or "colgroup" or "frame" or "tbody" or "td" or "tfoot" or "th" or "thead" or "tr";

    private static string? FindAttribute(HtmlTagToken tag, string name)
    {
        foreach (var attribute in tag.Attributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    /// <summary>The readable text of the body before <paramref name="end"/> (parses only that far).</summary>
    private string TextBefore(int end) => end >= BodyEnd ? BodyText : CollectText(Parse(end).Document.Body);

    /// <summary>The topmost marker in a (possibly partial) parse, or <see langword="null"/> when the prefix cannot decide.</summary>
    private Newest? Search(ParsedHtml parsed)
    {
        var body = parsed.Document.Body;
        if (body is null)
        {
            return parsed.IsComplete ? new Newest(BodyEnd, null, () => string.Empty) : null;
        }

        var text = new StringBuilder();
        foreach (var node in InDocumentOrder(body, _budget))
        {
            if (node is IElement element)
            {
                var index = parsed.SourceIndex(element);
                if (index is null)
                {
                    continue;
                }

                var htmlMarker = MatchAttributes(element);
                if (htmlMarker is not null)
                {
                    return Decided(parsed, element, false, index.Value, htmlMarker.Name, text);
                }

                if (IsTextBlock(element.LocalName))
                {
                    var blockText = BoundedText(element, _maxTextBlockLength);
                    var textMarker = blockText is null ? null : MatchText(Collapse(blockText));
                    if (textMarker is not null)
                    {
                        return Decided(parsed, element, true, index.Value, textMarker.Name, text);
                    }
                }
            }
            else if (node is IText textNode)
            {
                if (textNode.Data.Length <= _maxTextBlockLength)
                {
                    var collapsed = Collapse(textNode.Data);
                    var textMarker = collapsed.Length > 0 ? MatchText(collapsed) : null;
                    var index = textMarker is null ? null : TextNodeIndex(parsed, textNode, collapsed);
                    if (index is not null)
                    {
                        return Decided(parsed, textNode, true, index.Value, textMarker!.Name, text);
                    }
                }

                text.Append(textNode.Data);
            }
        }

        return parsed.IsComplete ? new Newest(BodyEnd, null, () => text.ToString()) : null;
    }

    /// <summary>
    /// A marker found in a prefix stands only if the whole document would give the same answer: a text match needs
    /// its whole text (the node is closed inside the prefix), and every enclosing text block, which the search tested
    /// before, must be closed or already too long to be an attribution line.
    /// </summary>
    private Newest? Decided(ParsedHtml parsed, INode node, bool byText, int index, string name, StringBuilder text)
    {
        if (!parsed.IsComplete)
        {
            if (byText && !IsClosed(node))
            {
                return null;
            }

            for (var ancestor = node.ParentElement; ancestor is not null; ancestor = ancestor.ParentElement)
            {
                _budget.Tick();
                if (IsTextBlock(ancestor.LocalName) && !IsClosed(ancestor) && BoundedText(ancestor, _maxTextBlockLength) is not null)
                {
                    return null;
                }
            }
        }

        var newestText = text.ToString();
        return new Newest(index, name, () => newestText);
    }

    /// <summary>Whether the prefix continues after the node (so the node ended inside it).</summary>
    private static bool IsClosed(INode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current.NextSibling is not null)
            {
                return true;
            }

            if (current is IHtmlBodyElement or IHtmlHtmlElement)
            {
                return false;
            }
        }

        return false;
    }

    private ReplyMarker? MatchAttributes(IElement element) => MatchMarker(element.LocalName, element, static (e, name) => e.GetAttribute(name));

    /// <summary>The first HTML marker that matches an element (or a lone start tag) by its name and one attribute.</summary>
    private ReplyMarker? MatchMarker<TSource>(string elementName, TSource source, Func<TSource, string, string?> attribute)
    {
        var markers = _markers.HtmlMarkers;
        for (var i = 0; i < markers.Count; i++)
        {
            var marker = markers[i];
            if (marker.MatchesElement(elementName) && ValueMatches(attribute(source, marker.Attribute), marker))
            {
                return marker;
            }
        }

        return null;
    }

    private ReplyMarker? MatchText(string text)
    {
        var pattern = _markers.HtmlTextPattern;
        if (pattern is null || !MayContainTextMarker(text))
        {
            return null;
        }

        try
        {
            var match = pattern.Match(text);
            if (!match.Success)
            {
                return null;
            }

            for (var i = 0; i < _markers.HtmlTextMarkers.Count; i++)
            {
                if (match.Groups["m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)].Success)
                {
                    return _markers.HtmlTextMarkers[i];
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological text: no marker applies to it.
        }

        return null;
    }

    /// <summary>A text marker can only match text that contains one of its anchors: most blocks are ruled out without the regex.</summary>
    private bool MayContainTextMarker(string text)
    {
        var anchors = _markers.HtmlTextAnchors;
        return anchors is null || anchors.IsIn(text);
    }

    private static bool ValueMatches(string? value, ReplyMarker marker)
    {
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

    private static bool IsTextBlock(string localName)
    {
        for (var i = 0; i < _textBlockTags.Length; i++)
        {
            if (string.Equals(_textBlockTags[i], localName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The element's text when it is at most <paramref name="max"/> characters, else <see langword="null"/>. Stops early,
    /// so that testing every block of a large document stays linear rather than quadratic.
    /// </summary>
    private string? BoundedText(IElement element, int max)
    {
        StringBuilder? builder = null;
        var nodes = 0;
        foreach (var node in InDocumentOrder(element, _budget))
        {
            if (++nodes > max)
            {
                return null;
            }

            if (node is IText text)
            {
                builder ??= new StringBuilder();
                builder.Append(text.Data);
                if (builder.Length > max)
                {
                    return null;
                }
            }
        }

        return builder?.ToString() ?? string.Empty;
    }

    /// <summary>
    /// The descendants of <paramref name="root"/> in document order. Iterative: AngleSharp's recursive Descendants()
    /// costs O(nodes x depth), which explodes on hostile markup with thousands of unclosed tags.
    /// </summary>
    private static IEnumerable<INode> InDocumentOrder(INode root, EditBudget budget)
    {
        var stack = new Stack<INode>();
        PushChildren(root, stack);
        while (stack.Count > 0)
        {
            budget.Tick();
            var node = stack.Pop();
            yield return node;
            PushChildren(node, stack);
        }
    }

    private static void PushChildren(INode node, Stack<INode> stack)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push(children[i]);
        }
    }

    private string CollectText(IElement? body)
    {
        if (body is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        foreach (var node in InDocumentOrder(body, _budget))
        {
            if (node is IText text)
            {
                builder.Append(text.Data);
            }
        }

        return builder.ToString();
    }

    private static string Collapse(string text)
    {
        // Most text nodes are already collapsed: avoid the split and join.
        if (text.IndexOfAny(_whitespace) < 0)
        {
            return text;
        }

        return string.Join(" ", text.Split(_whitespace, StringSplitOptions.RemoveEmptyEntries));
    }

    private int? TextNodeIndex(ParsedHtml parsed, IText textNode, string collapsed)
    {
        // Text nodes carry no source position: search the raw text after the closest preceding element.
        var anchor = textNode.PreviousElementSibling ?? textNode.ParentElement;
        var from = anchor is null ? 0 : parsed.SourceIndex(anchor) ?? 0;
        var probe = collapsed.Length > 12 ? collapsed.Substring(0, 12) : collapsed;
        var found = _html.IndexOf(probe, from, StringComparison.Ordinal);
        return found >= 0 ? found : null;
    }

    /// <summary>
    /// Right after the real <c>&lt;body&gt;</c> tag; without one, where the implied body's content begins (see
    /// <see cref="ImpliedBodyStart"/>): a Gmail fragment's banner goes before its first words, not after them.
    /// </summary>
    private int FindBodyStart() => _bodyTag >= 0 ? EndOfTag(_html, _bodyTag) : ImpliedBodyStart.Find(_html);

    private static int FindBodyEnd(string html, int bodyStart, bool isPrefix)
    {
        if (isPrefix)
        {
            // The last </body> may lie beyond the prefix.
            throw new PrefixTooShortException();
        }

        var end = html.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
        if (end < bodyStart)
        {
            end = html.LastIndexOf("</html", StringComparison.OrdinalIgnoreCase);
        }

        return end >= bodyStart ? end : html.Length;
    }

    private ParsedHtml Full() => _full ??= _isPrefix ? throw new PrefixTooShortException() : Parse(_html.Length);

    /// <summary>
    /// Parses <c>[start, end)</c> of the HTML, where start is the real <c>&lt;body&gt;</c> tag when there is one: the
    /// head (Word's style sheets and conditional XML) cannot contain the newest part, so it is not parsed at all.
    /// </summary>
    private ParsedHtml Parse(int end)
    {
        _budget.Check();
        var start = Math.Max(_bodyTag, 0);
        var source = start == 0 && end == _html.Length ? _html : _html.Substring(start, end - start);
        ParsedCharacters += source.Length;
        var document = HtmlParsing.ParseWithPositions(source);
        _budget.Check();
        return new ParsedHtml(_html, start, document, end == _html.Length);
    }

    /// <summary>Cuts before a tag, so that the prefix never ends inside a start tag.</summary>
    private int PrefixEnd(int wanted)
    {
        if (wanted >= _html.Length)
        {
            return _html.Length;
        }

        var tag = _html.IndexOf('<', wanted);
        return tag < 0 ? _html.Length : tag;
    }

    /// <summary>The offset of the first anchor in <c>[from, to)</c>, or -1 when there is none.</summary>
    private int FirstAnchor(AnchorSearcher anchors, int from, int to)
    {
        _budget.Check();
        return to <= from ? -1 : anchors.IndexOf(_html, from, to);
    }

    /// <summary>
    /// The offset of the document's <c>&lt;body</c> tag, or -1 when there is none: a <c>&lt;body</c> inside a comment, a
    /// raw-text element (<c>style</c>, <c>iframe</c>, <c>noframes</c> …) or a <c>template</c> is not the body, and the
    /// search goes on after it.
    /// </summary>
    private static int RealBodyTag(string html, RawTextRegions rawText)
    {
        var from = 0;
        while (true)
        {
            var index = html.IndexOf("<body", from, StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                return -1;
            }

            var next = index + 5 < html.Length ? html[index + 5] : '>';
            if (next is '>' or '/' or ' ' or '\t' or '\r' or '\n' or '\f' && !rawText.Contains(index))
            {
                return index;
            }

            from = index + 5;
        }
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

    /// <summary>The newest (unquoted) part of the body.</summary>
    internal sealed class Newest
    {
        private readonly Func<string> _text;
        private string? _value;

        public Newest(int end, string? markerName, Func<string> text)
        {
            End = end;
            MarkerName = markerName;
            _text = text;
        }

        /// <summary>Where the quoted history starts (the end of the body when there is none).</summary>
        public int End { get; }

        /// <summary>The topmost marker's name, or <see langword="null"/>.</summary>
        public string? MarkerName { get; }

        /// <summary>The readable text before the quoted history.</summary>
        public string Text => _value ??= _text();
    }

    /// <summary>A parse of <c>[Offset, …)</c> of the HTML, with source offsets mapped back to the whole HTML.</summary>
    private sealed class ParsedHtml
    {
        private readonly string _html;

        public ParsedHtml(string html, int offset, IHtmlDocument document, bool isComplete)
        {
            _html = html;
            Offset = offset;
            Document = document;
            IsComplete = isComplete;
        }

        public int Offset { get; }

        public IHtmlDocument Document { get; }

        /// <summary>Whether the parse reached the end of the HTML.</summary>
        public bool IsComplete { get; }

        /// <summary>The offset of the element's start tag ('&lt;') in the whole HTML, or <see langword="null"/> for implied elements.</summary>
        public int? SourceIndex(IElement element)
        {
            var reference = element.SourceReference;
            if (reference is null || _html.Length == 0)
            {
                return null;
            }

            var index = Math.Min(Math.Max(Offset + reference.Position.Position, Offset), _html.Length - 1);
            while (index >= Offset && _html[index] != '<')
            {
                index--;
            }

            if (index < Offset || index + 1 + element.LocalName.Length > _html.Length
                || string.Compare(_html, index + 1, element.LocalName, 0, element.LocalName.Length, StringComparison.OrdinalIgnoreCase) != 0)
            {
                return null;
            }

            return index;
        }
    }
}
