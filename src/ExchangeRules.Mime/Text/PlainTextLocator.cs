using System;
using System.Collections.Generic;
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

    public static HtmlInsertionPoint Locate(string text, Placement placement, ReplyMarkerSet markers)
    {
        var (markerIndex, markerName) = FindTopmostMarker(text, markers);
        var newestEnd = markerIndex ?? text.Length;
        var insertAt = placement switch
        {
            Placement.Top => 0,
            Placement.Bottom => text.Length,
            _ => newestEnd,
        };
        return new HtmlInsertionPoint(insertAt, newestEnd, markerName);
    }

    private static (int? Index, string? Name) FindTopmostMarker(string text, ReplyMarkerSet markers)
    {
        var lines = SplitLines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Text;
            var next = i + 1 < lines.Count ? lines[i + 1].Text : null;
            foreach (var marker in markers.TextMarkers)
            {
                if (Matches(marker, line, next))
                {
                    return (lines[i].Start, marker.Name);
                }
            }
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

    private static List<(int Start, string Text)> SplitLines(string text)
    {
        var lines = new List<(int, string)>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                if (start < text.Length)
                {
                    lines.Add((start, text.Substring(start)));
                }

                break;
            }

            lines.Add((start, text.Substring(start, end - start).TrimEnd('\r')));
            start = end + 1;
        }

        return lines;
    }
}
