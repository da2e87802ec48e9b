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
        while (line is not null)
        {
            budget.Tick();
            var next = NextLine(text, ref start, out var nextStart);
            foreach (var marker in markers.TextMarkers)
            {
                if (Matches(marker, line, next))
                {
                    return (lineStart, marker.Name);
                }
            }

            line = next;
            lineStart = nextStart;
        }

        return (null, null);
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
