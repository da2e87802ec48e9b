using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ExchangeRules.Mime.Markers;

/// <summary>
/// Tests text markers against a line and the line after it. One rule for both bodies: the plain-text locator passes a
/// line of the part, the HTML locator the first line of a block (lines end at <c>&lt;br&gt;</c> and block boundaries),
/// so a marker file entry means the same in a text/plain part and in its text/html alternative.
/// </summary>
internal static class TextMarkerMatcher
{
    /// <summary>Separator and attribution lines are short; longer lines are body text and are never markers.</summary>
    public const int MaxLineLength = 1000;

    /// <summary>
    /// The first of <paramref name="markers"/> that matches the line <c>[start, start+length)</c> of <paramref name="text"/>,
    /// with the next line at <c>[nextStart, nextStart+nextLength)</c> (<paramref name="nextLength"/> &lt; 0: no next line).
    /// </summary>
    public static ReplyMarker? FirstMatch(IReadOnlyList<ReplyMarker> markers, string text, int start, int length, int nextStart, int nextLength)
    {
        for (var i = 0; i < markers.Count; i++)
        {
            if (Matches(markers[i], text, start, length, nextStart, nextLength))
            {
                return markers[i];
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="marker"/> matches the line (see <see cref="FirstMatch"/>).</summary>
    public static bool Matches(ReplyMarker marker, string text, int start, int length, int nextStart, int nextLength)
    {
        if (length > MaxLineLength)
        {
            return false;
        }

        try
        {
            // Regex.Match over a range treats the range as the whole input, so ^ and $ are the line's start and end.
            if (marker.Pattern.Match(text, start, length).Success)
            {
                return marker.RequiresNext is null || (nextLength >= 0 && marker.RequiresNext.Match(text, nextStart, nextLength).Success);
            }

            // Attribution lines are often wrapped onto two lines ("On ..., Name <" / "addr> wrote:").
            return marker.RequiresNext is null && !marker.PlainTextOnly && nextLength >= 0 && nextLength <= MaxLineLength
                && EndsWithColon(text, nextStart, nextLength) && StartsWithContentOtherThanQuote(text, start, length)
                && marker.Pattern.IsMatch(text.Substring(start, length).TrimEnd() + " " + text.Substring(nextStart, nextLength).Trim());
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Whether the line, trailing white space ignored, ends with a colon (ASCII or full-width).</summary>
    private static bool EndsWithColon(string text, int start, int length)
    {
        var end = start + length - 1;
        while (end >= start && char.IsWhiteSpace(text[end]))
        {
            end--;
        }

        return end >= start && text[end] is ':' or '\uFF1A';
    }

    /// <summary>Whether the line has text other than white space and does not start (after white space) with a quote mark.</summary>
    private static bool StartsWithContentOtherThanQuote(string text, int start, int length)
    {
        var first = start;
        var end = start + length;
        while (first < end && char.IsWhiteSpace(text[first]))
        {
            first++;
        }

        return first < end && text[first] != '>';
    }
}
