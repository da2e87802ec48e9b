using System;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Markers;

namespace ExchangeRules.Mime.Text;

/// <summary>Finds the topmost quoted-history marker line in a plain-text body.</summary>
internal static class PlainTextLocator
{
    public static HtmlInsertionPoint Locate(string text, Placement placement, ReplyMarkerSet markers, EditBudget budget)
    {
        var (markerIndex, markerName) = FindTopmostMarker(text, markers, budget);
        var newestEnd = markerIndex ?? text.Length;
        if (placement == Placement.UnderNewestReply && markerIndex is int quoteStart && IsBlank(text, 0, quoteStart))
        {
            // Nothing above the quoted history: a bottom-posted or interleaved reply, or a forward with no text of its own.
            var authorEnd = EndOfAuthorTextBelowQuote(text, quoteStart, markers, budget);
            return authorEnd > quoteStart
                ? new HtmlInsertionPoint(authorEnd, authorEnd, markerName, PlacementLayout.BelowQuote, dependsOnWholeText: true, quoteStart: quoteStart)
                : new HtmlInsertionPoint(newestEnd, newestEnd, markerName, PlacementLayout.AboveQuote, dependsOnWholeText: true);
        }

        var insertAt = placement switch
        {
            Placement.Top => 0,
            Placement.Bottom => text.Length,
            _ => newestEnd,
        };
        return new HtmlInsertionPoint(insertAt, newestEnd, markerName, markerName is null ? PlacementLayout.NoMarker : PlacementLayout.AboveQuote);
    }

    /// <summary>
    /// The author's newest text for a located point: the text above the quote, or, in a bottom-posted or interleaved
    /// reply, the unquoted lines below it (the quoted lines between them are older messages, not the author's).
    /// </summary>
    public static string NewestText(string text, HtmlInsertionPoint point)
    {
        if (point.Layout != PlacementLayout.BelowQuote)
        {
            return text.Substring(0, point.NewestEnd);
        }

        var builder = new System.Text.StringBuilder();
        for (var line = LineRange.At(text, point.QuoteStart); line.Exists && line.Start < point.NewestEnd; line = line.Next(text))
        {
            if (!line.IsQuoted(text))
            {
                builder.Append(text, line.Start, line.NextStart - line.Start);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Where the author's own text ends in a reply that starts with the quote: after the last unquoted line that
    /// follows quoted ('&gt;') lines, before any quote that trails it. Returns <paramref name="quoteStart"/> when the
    /// quote is not followed by text of the author's (a forward, or a reply with nothing written), or when the history
    /// is not '&gt;'-quoted at all (a forwarded message's own text is unquoted and is not the author's).
    /// </summary>
    private static int EndOfAuthorTextBelowQuote(string text, int quoteStart, ReplyMarkerSet markers, EditBudget budget)
    {
        var line = LineRange.At(text, quoteStart);
        var sawQuote = false;
        var authorEnd = quoteStart;
        var first = true;
        var second = line.NextStart;
        while (line.Exists)
        {
            budget.Tick();
            var next = line.Next(text);
            if (line.IsQuoted(text))
            {
                sawQuote = true;
            }
            else if (!IsBlank(text, line.Start, line.Start + line.Length))
            {
                if (!first && !sawQuote && !(line.Start == second && EndsWithColon(text, line)))
                {
                    // The first marker is not followed by a '>' quote: not a quoted reply.
                    return quoteStart;
                }

                if (!first && TextMarkerMatcher.FirstMatch(markers.TextMarkers, text, line.Start, line.Length, next.Start, next.Exists ? next.Length : -1) is not null)
                {
                    // Another attribution or separator: it introduces the next quote, or older history below the answer.
                    if (!IsQuotedBelow(text, next))
                    {
                        break;
                    }
                }
                else if (!first)
                {
                    authorEnd = line.NextStart;
                }
            }

            first = false;
            line = next;
        }

        return sawQuote ? authorEnd : quoteStart;
    }

    /// <summary>Whether the first non-blank line from <paramref name="line"/> on is a '&gt;' quote.</summary>
    private static bool IsQuotedBelow(string text, LineRange line)
    {
        while (line.Exists && IsBlank(text, line.Start, line.Start + line.Length))
        {
            line = line.Next(text);
        }

        return line.Exists && line.IsQuoted(text);
    }

    /// <summary>The second line of a wrapped attribution ("... &lt;addr&gt; wrote:") is part of the marker.</summary>
    private static bool EndsWithColon(string text, LineRange line) => text.Substring(line.Start, line.Length).TrimEnd().EndsWith(":", StringComparison.Ordinal);

    private static bool IsBlank(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static (int? Index, string? Name) FindTopmostMarker(string text, ReplyMarkerSet markers, EditBudget budget)
    {
        // Lines are ranges of the text, cut one ahead as the search goes: the newest part is usually a small share of a
        // reply, and no line is copied unless a two-line attribution has to be joined.
        var line = LineRange.First(text);
        var anchor = new AnchorCursor(markers.TextAnchors, text);
        var textMarkers = markers.TextMarkers;
        var unanchored = markers.UnanchoredTextMarkers;
        while (line.Exists)
        {
            budget.Tick();
            var next = line.Next(text);

            // An anchored marker can only match a line (or a line wrapped onto the next) that contains one of its anchors;
            // most lines contain none, and then only the markers without anchors are tried (in the list's order still).
            var windowEnd = next.Exists ? next.NextStart : text.Length;
            var anchored = anchor.AnyIn(line.Start, windowEnd);
            var candidates = anchored ? textMarkers : unanchored;

            // On an anchored line, a marker with anchors is tried only when one of its own anchors is there: the
            // attribution line of a reply has one marker's anchor, and trying every marker's expressions on it (and
            // on the line before it) cost as much as the rest of the search.
            var present = anchored && markers.TextAnchorsAreTagged ? markers.TextAnchors!.TagsStartingIn(text, line.Start, windowEnd) : ulong.MaxValue;
            for (var i = 0; i < candidates.Count; i++)
            {
                var marker = candidates[i];
                if (anchored && marker.Anchors.Count > 0 && (present & (1UL << i)) == 0)
                {
                    continue;
                }

                if (TextMarkerMatcher.Matches(marker, text, line.Start, line.Length, next.Start, next.Exists ? next.Length : -1))
                {
                    return (line.Start, marker.Name);
                }
            }

            line = next;
        }

        return (null, null);
    }

    /// <summary>
    /// Answers "does an anchor start in this line" by searching ahead in windows: the newest part is usually a small
    /// share of a reply, so the text beyond the marker is never scanned.
    /// </summary>
    private struct AnchorCursor
    {
        private const int _window = 2048;
        private readonly AnchorSearcher? _anchors;
        private readonly string _text;
        private int _knownFrom;
        private int _knownUntil;
        private int _hit;

        public AnchorCursor(AnchorSearcher? anchors, string text)
        {
            _anchors = anchors;
            _text = text;
            _knownFrom = 0;
            _knownUntil = -1;
            _hit = -1;
        }

        /// <summary>Whether an anchor starts in <c>[from, to)</c>; true when there are no anchors.</summary>
        public bool AnyIn(int from, int to)
        {
            if (_anchors is null)
            {
                return true;
            }

            // Every anchor start in [_knownFrom, _knownUntil) is known: the first is _hit (-1: none).
            if (from < _knownFrom || to > _knownUntil || (_hit >= 0 && _hit < from))
            {
                // An anchor that starts before the window's end but runs past it is not found: such starts stay unknown.
                var end = Math.Min(_text.Length, Math.Max(to, from + _window) + _anchors.MaxLength - 1);
                _hit = _anchors.IndexOf(_text, from, end);
                _knownFrom = from;
                _knownUntil = end == _text.Length ? end : end - _anchors.MaxLength + 1;
            }

            return _hit >= from && _hit < to;
        }
    }

    /// <summary>One line of the text as a range, without its line ending; a range past the text's end does not exist.</summary>
    private readonly struct LineRange
    {
        private LineRange(int start, int length, int nextStart)
        {
            Start = start;
            Length = length;
            NextStart = nextStart;
        }

        public int Start { get; }

        public int Length { get; }

        /// <summary>Where the next line starts (the text's length after the last line).</summary>
        public int NextStart { get; }

        public bool Exists => Length >= 0;

        public static LineRange First(string text) => At(text, 0);

        public LineRange Next(string text) => At(text, NextStart);

        public string Text(string text) => text.Substring(Start, Length);

        /// <summary>Whether the line starts (after white space) with a quote mark.</summary>
        public bool IsQuoted(string text)
        {
            var first = Start;
            var end = Start + Length;
            while (first < end && text[first] is ' ' or '\t')
            {
                first++;
            }

            return first < end && text[first] == '>';
        }

        public static LineRange At(string text, int start)
        {
            if (start >= text.Length)
            {
                return new LineRange(start, -1, start);
            }

            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                return new LineRange(start, text.Length - start, text.Length);
            }

            // Every trailing carriage return goes, as string.TrimEnd('\r') took them.
            var last = end;
            while (last > start && text[last - 1] == '\r')
            {
                last--;
            }

            return new LineRange(start, last - start, end + 1);
        }
    }
}
