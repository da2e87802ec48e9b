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
        // Lines are cut one ahead as the search goes: the newest part is usually a small share of a reply.
        var start = 0;
        var line = NextLine(text, ref start, out var lineStart);
        var anchor = new AnchorCursor(markers.TextAnchors, text);
        while (line is not null)
        {
            budget.Tick();
            var next = NextLine(text, ref start, out var nextStart);

            // An anchored marker can only match a line (or a line wrapped onto the next) that contains one of its anchors.
            var anchored = anchor.AnyIn(lineStart, next is null ? text.Length : start);
            foreach (var marker in markers.TextMarkers)
            {
                if ((anchored || marker.Anchors.Count == 0) && Matches(marker, line, next))
                {
                    return (lineStart, marker.Name);
                }
            }

            line = next;
            lineStart = nextStart;
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

    private static bool Matches(ReplyMarker marker, string line, string? next)
    {
        if (line.Length > _maxMarkerLineLength)
        {
            return false;
        }

        try
        {
            if (marker.Pattern.IsMatch(line))
            {
                return marker.RequiresNext is null || (next is not null && marker.RequiresNext.IsMatch(next));
            }

            // Attribution lines are often wrapped onto two lines ("On ..., Name <" / "addr> wrote:").
            return marker.RequiresNext is null && !marker.PlainTextOnly && next is not null
                && next.TrimEnd().EndsWith(":", StringComparison.Ordinal) && next.Length <= _maxMarkerLineLength
                && line.Trim().Length > 0 && !line.TrimStart().StartsWith(">", StringComparison.Ordinal)
                && marker.Pattern.IsMatch(line.TrimEnd() + " " + next.Trim());
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The line starting at <paramref name="start"/> (without its line ending), or <see langword="null"/> at the end.</summary>
    private static string? NextLine(string text, ref int start, out int lineStart)
    {
        lineStart = start;
        if (start >= text.Length)
        {
            return null;
        }

        var end = text.IndexOf('\n', start);
        if (end < 0)
        {
            var last = text.Substring(start);
            start = text.Length;
            return last;
        }

        var line = text.Substring(start, end - start).TrimEnd('\r');
        start = end + 1;
        return line;
    }
}
