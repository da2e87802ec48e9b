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

    // Elements that start and end a rendered line: a marker block's lines are split there.
    private static readonly string[] _lineBreakTags =
    {
        "br", "div", "p", "blockquote", "hr", "table", "tr", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "center", "section", "article", "header", "footer",
    };

    private static readonly string[] _noBreakSpaceReferences = { "&nbsp;", "&#160;", "&#xa0;", "&nbsp" };

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
        _ => UnderNewestReply(),
    };

    /// <summary>
    /// Under the author's newest text: before the topmost marker when the author wrote above it (top-posting, the
    /// common case, decided without parsing); when the body starts with the quote (bottom-posting, interleaved
    /// answers), after the author's last text below it and before any quote that trails it.
    /// </summary>
    private HtmlInsertionPoint UnderNewestReply()
    {
        var newest = NewestPart;
        if (newest.MarkerName is null)
        {
            return new HtmlInsertionPoint(newest.End, newest.End, null);
        }

        if (HasTextBetween(Math.Max(_bodyTag, 0), newest.End))
        {
            return new HtmlInsertionPoint(newest.End, newest.End, newest.MarkerName);
        }

        if (_isPrefix)
        {
            throw new PrefixTooShortException();
        }

        var below = EndOfAuthorTextBelowQuote(newest.End);
        return below is int at
            ? new HtmlInsertionPoint(at, at, newest.MarkerName, PlacementLayout.BelowQuote, dependsOnWholeText: true, quoteStart: newest.End)
            : new HtmlInsertionPoint(newest.End, newest.End, newest.MarkerName, PlacementLayout.AboveQuote, dependsOnWholeText: true);
    }

    /// <summary>
    /// Whether the raw HTML in <c>[from, to)</c> has readable text outside tags, comments and raw-text elements
    /// (white space and no-break spaces do not count). A scan of the source, no parse.
    /// </summary>
    private bool HasTextBetween(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            _budget.Tick();
            var c = _html[i];
            if (c == '<' && i + 1 < _html.Length && (char.IsLetter(_html[i + 1]) || _html[i + 1] is '/' or '!' or '?'))
            {
                if (string.CompareOrdinal(_html, i, "<!--", 0, 4) == 0)
                {
                    var close = _html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                    i = close < 0 ? to : close + 2;
                }
                else
                {
                    i = HtmlTags.EndOfTag(_html, i) - 1;
                }

                continue;
            }

            if (char.IsWhiteSpace(c) || c == '\u00a0' || _rawText.Contains(i))
            {
                continue;
            }

            if (c == '&' && IsNoBreakSpaceReference(i, out var length))
            {
                i += length - 1;
                continue;
            }

            return true;
        }

        return false;
    }

    private bool IsNoBreakSpaceReference(int index, out int length)
    {
        foreach (var reference in _noBreakSpaceReferences)
        {
            if (string.Compare(_html, index, reference, 0, reference.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                length = reference.Length;
                return true;
            }
        }

        length = 0;
        return false;
    }

    /// <summary>
    /// In a body that starts with the quote: the offset right after the author's last text that follows a quote, that
    /// is the start of the first quote trailing it, or the body's end; <see langword="null"/> when no text of the
    /// author's follows the quote (a forward, or a reply with nothing written).
    /// </summary>
    private int? EndOfAuthorTextBelowQuote(int quoteStart)
    {
        var parsed = Full();
        var body = parsed.Document.Body;
        if (body is null)
        {
            return null;
        }

        var sawQuote = false;
        var authorSeen = false;
        int? trailingQuote = null;
        var stack = new Stack<INode>();
        PushChildren(body, stack);
        while (stack.Count > 0)
        {
            _budget.Tick();
            var node = stack.Pop();
            if (node is IElement element)
            {
                var index = parsed.SourceIndex(element);
                if (index is int at && at >= quoteStart && IsQuote(element))
                {
                    // A quote (or an attribution or separator that introduces one): its content is not the author's.
                    sawQuote = true;
                    if (authorSeen && trailingQuote is null)
                    {
                        trailingQuote = at;
                    }

                    continue;
                }

                PushChildren(element, stack);
            }
            else if (node is IText text && sawQuote && !IsBlankText(text.Data))
            {
                authorSeen = true;
                trailingQuote = null;
            }
        }

        return authorSeen ? trailingQuote ?? BodyEnd : null;
    }

    private bool IsQuote(IElement element)
    {
        if (string.Equals(element.LocalName, "blockquote", StringComparison.OrdinalIgnoreCase) || MatchAttributes(element) is not null)
        {
            return true;
        }

        return IsTextBlock(element.LocalName) && MatchLines(LinesOf(element)) is not null;
    }

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

            var tagEnd = HtmlTags.EndOfTag(_html, tagStart);
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
                var windowEnd = Math.Min(_html.Length, tagStart + _prefixWindow);
                var text = FirstTextAnchor(textAnchors, bodyFrom, noTextAnchorBefore, tagStart);
                if (text == -1)
                {
                    // After the tag only one-line markers can matter (see ReplyMarkerSet.HtmlLineAnchors).
                    var lineAnchors = _markers.HtmlLineAnchors ?? textAnchors;
                    text = FirstAnchor(lineAnchors, Math.Max(tagStart, Math.Min(noTextAnchorBefore, windowEnd)), windowEnd);
                }

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
            || HtmlTags.EndOfTag(_html, tagStart) <= index || _rawText.Contains(tagStart))
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
                    var textMarker = MatchLines(LinesOf(element));
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
                if (IsTextBlock(ancestor.LocalName) && !IsClosed(ancestor) && !LinesOf(ancestor).IsFinal)
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

            for (var i = 0; i < _markers.HtmlLineMarkers.Count; i++)
            {
                if (match.Groups["m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)].Success)
                {
                    return _markers.HtmlLineMarkers[i];
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
    /// The first text markers that match a block's first line (and the line after it), or <see langword="null"/>. The
    /// same rule as for a line of plain text (<see cref="TextMarkerMatcher"/>).
    /// </summary>
    private ReplyMarker? MatchLines(BlockLines lines)
    {
        if (lines.FirstLength < 0)
        {
            return null;
        }

        var anchors = _markers.HtmlTextAnchors;
        if (anchors is not null && !anchors.IsIn(lines.Text))
        {
            return null;
        }

        // A block that starts with an HTML marker's element (Outlook's border-top div in a plain div) is that marker's,
        // not a header block's: header lines lie inside or right after their marker and must not move the answer above
        // it (the anchor search decides such a reply from the tag alone, see ReplyMarkerSet.HtmlLineAnchors).
        // Such a block decides by its text only when that text is one line (an attribution wrapped with its quote).
        if (lines.StartsWithMarker && (lines.SecondLength >= 0 || lines.StoppedEarly))
        {
            return null;
        }

        var markers = lines.StartsWithMarker ? _markers.HtmlLineMarkers : _markers.HtmlTextMarkers;
        return TextMarkerMatcher.FirstMatch(markers, lines.Text, 0, lines.FirstLength, lines.SecondStart, lines.SecondLength);
    }

    /// <summary>
    /// The first two lines of a block's rendered text: lines end at <c>&lt;br&gt;</c> and at the start and end of block
    /// elements, white space collapses as a browser collapses it, and empty lines are skipped. Reads at most
    /// <see cref="_maxTextBlockLength"/> nodes and characters, so that testing every block of a large document stays
    /// linear rather than quadratic.
    /// </summary>
    private BlockLines LinesOf(IElement block)
    {
        var builder = new StringBuilder();
        var lineStart = 0;
        var firstLength = -1;
        var nodes = 0;
        var sawText = false;
        var startsWithMarker = false;
        var stoppedEarly = false;
        var stack = new Stack<(INode Node, bool Exit)>();
        PushChildren(block, stack);
        while (stack.Count > 0)
        {
            _budget.Tick();
            if (++nodes > _maxTextBlockLength || builder.Length > _maxTextBlockLength)
            {
                stoppedEarly = true;
                break;
            }

            var (node, exit) = stack.Pop();
            if (node is IText text)
            {
                sawText |= AppendCollapsed(builder, text.Data, lineStart);
            }
            else if (node is IElement element)
            {
                if (exit)
                {
                    if (EndLine(builder, ref lineStart, ref firstLength))
                    {
                        stoppedEarly = true;
                        break;
                    }

                    continue;
                }

                if (!sawText && !startsWithMarker && MatchAttributes(element) is not null)
                {
                    startsWithMarker = true;
                }

                if (IsLineBreak(element.LocalName))
                {
                    if (EndLine(builder, ref lineStart, ref firstLength))
                    {
                        stoppedEarly = true;
                        break;
                    }

                    if (string.Equals(element.LocalName, "br", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    stack.Push((element, true));
                }

                PushChildren(element, stack);
            }
        }

        if (!stoppedEarly)
        {
            EndLine(builder, ref lineStart, ref firstLength);
        }

        if (firstLength < 0)
        {
            return new BlockLines(builder.ToString(), -1, 0, -1, stoppedEarly, startsWithMarker);
        }

        // Only whole lines are tested: a line cut by the limits is too long to be a marker.
        var second = firstLength + 1;
        var secondLength = builder.Length > second && builder[builder.Length - 1] == '\n' ? builder.Length - 1 - second : -1;
        if (secondLength >= 0 && builder.ToString(second, secondLength).IndexOf('\n') >= 0)
        {
            secondLength = builder.ToString(second, secondLength).IndexOf('\n');
        }

        return new BlockLines(builder.ToString(), firstLength, second, secondLength, stoppedEarly, startsWithMarker);
    }

    /// <summary>Appends text with white space collapsed (none at a line's start); true when it had visible characters.</summary>
    private static bool AppendCollapsed(StringBuilder builder, string data, int lineStart)
    {
        var visible = false;
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c) || c == '\u00a0')
            {
                if (builder.Length > lineStart && builder[builder.Length - 1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
                visible = true;
            }
        }

        return visible;
    }

    /// <summary>Ends the current line when it has text; true when two lines are complete (the rest cannot matter).</summary>
    private static bool EndLine(StringBuilder builder, ref int lineStart, ref int firstLength)
    {
        if (builder.Length > lineStart && builder[builder.Length - 1] == ' ')
        {
            builder.Length--;
        }

        if (builder.Length == lineStart)
        {
            return false;
        }

        if (firstLength < 0)
        {
            firstLength = builder.Length;
        }

        builder.Append('\n');
        lineStart = builder.Length;
        return lineStart > firstLength + 1;
    }

    private static bool IsLineBreak(string localName)
    {
        foreach (var name in _lineBreakTags)
        {
            if (string.Equals(name, localName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBlankText(string data)
    {
        foreach (var c in data)
        {
            if (!char.IsWhiteSpace(c) && c != '\u00a0')
            {
                return false;
            }
        }

        return true;
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

    private static void PushChildren(INode node, Stack<(INode Node, bool Exit)> stack)
    {
        var children = node.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], false));
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
    private int FindBodyStart() => _bodyTag >= 0 ? HtmlTags.EndOfTag(_html, _bodyTag) : ImpliedBodyStart.Find(_html);

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
        var source = NestingLimit.ForParsing(_html, start, end, _budget);
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

    /// <summary>The first two lines of a block (see <see cref="LinesOf"/>).</summary>
    private readonly struct BlockLines
    {
        public BlockLines(string text, int firstLength, int secondStart, int secondLength, bool stoppedEarly, bool startsWithMarker)
        {
            Text = text;
            FirstLength = firstLength;
            SecondStart = secondStart;
            SecondLength = secondLength;
            StoppedEarly = stoppedEarly;
            StartsWithMarker = startsWithMarker;
        }

        /// <summary>The lines, each ended by '\n'.</summary>
        public string Text { get; }

        /// <summary>The first line's length, or -1 when the block has no complete line.</summary>
        public int FirstLength { get; }

        public int SecondStart { get; }

        /// <summary>The second line's length, or -1 when there is none.</summary>
        public int SecondLength { get; }

        /// <summary>Whether the reading stopped before the block's end (two lines read, or the limits reached).</summary>
        public bool StoppedEarly { get; }

        /// <summary>Whether an element that matches an HTML marker comes before the block's first text.</summary>
        public bool StartsWithMarker { get; }

        /// <summary>Whether more content in the block could not change the lines (for a block cut by a prefix parse).</summary>
        public bool IsFinal => StoppedEarly;
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
