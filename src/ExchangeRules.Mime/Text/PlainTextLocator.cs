using System;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Markers;

namespace ExchangeRules.Mime.Text;

/// <summary>Finds the topmost quoted-history marker line in a plain-text body.</summary>
internal static class PlainTextLocator
{
    // Separator and attribution lines are short; longer lines are body text and are not tested against markers.
    private const int _maxMarkerLineLength = 1000;

    public static HtmlInsertionPoint Locate(string text, Placement placement, ReplyMarkerSet markers, EditBudget budget)
    {
        var (markerIndex, markerName) = FindTopmostMarker(text, markers, budget);
        var newestEnd = markerIndex ?? text.Length;
        var insertAt = placement switch
        {
            Placement.Top => 0,
            Placement.Bottom => text.Length,
            _ => newestEnd,
        };
        return new HtmlInsertionPoint(insertAt, newestEnd, markerName);
    }

    private static (int? Index, string? Name) FindTopmostMarker(string text, ReplyMarkerSet markers, EditBudget budget)
    {
        // Lines are ranges of the text, cut one ahead as the search goes: the newest part is usually a small share of a
        // reply, and no line is copied unless a two-line attribution has to be joined.
        var line = LineRange.First(text);
        var anchor = new AnchorCursor(markers.TextAnchors, text);
        var textMarkers = markers.TextMarkers;
        while (line.Exists)
        {
            budget.Tick();
            var next = line.Next(text);

            // An anchored marker can only match a line (or a line wrapped onto the next) that contains one of its anchors.
            var anchored = anchor.AnyIn(line.Start, next.Exists ? next.NextStart : text.Length);
            for (var i = 0; i < textMarkers.Count; i++)
            {
                var marker = textMarkers[i];
                if ((anchored || marker.Anchors.Count == 0) && Matches(marker, text, line, next))
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

    private static bool Matches(ReplyMarker marker, string text, LineRange line, LineRange next)
    {
        if (line.Length > _maxMarkerLineLength)
        {
            return false;
        }

        try
        {
            // Regex.Match over a range treats the range as the whole input, so ^ and $ are the line's start and end.
            if (marker.Pattern.Match(text, line.Start, line.Length).Success)
            {
                return marker.RequiresNext is null || (next.Exists && marker.RequiresNext.Match(text, next.Start, next.Length).Success);
            }

            // Attribution lines are often wrapped onto two lines ("On ..., Name <" / "addr> wrote:").
            return marker.RequiresNext is null && !marker.PlainTextOnly && next.Exists && next.Length <= _maxMarkerLineLength
                && next.EndsWithColon(text) && line.StartsWithContentOtherThanQuote(text)
                && marker.Pattern.IsMatch(line.Text(text).TrimEnd() + " " + next.Text(text).Trim());
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
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

        /// <summary>Whether the line, trailing white space ignored, ends with a colon.</summary>
        public bool EndsWithColon(string text)
        {
            var end = Start + Length - 1;
            while (end >= Start && char.IsWhiteSpace(text[end]))
            {
                end--;
            }

            return end >= Start && text[end] == ':';
        }

        /// <summary>Whether the line has text other than white space and does not start (after white space) with a quote mark.</summary>
        public bool StartsWithContentOtherThanQuote(string text)
        {
            var first = Start;
            var end = Start + Length;
            while (first < end && char.IsWhiteSpace(text[first]))
            {
                first++;
            }

            return first < end && text[first] != '>';
        }

        private static LineRange At(string text, int start)
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
