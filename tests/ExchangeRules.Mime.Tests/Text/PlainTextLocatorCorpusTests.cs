using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Mime.Markers;
using ExchangeRules.Mime.Text;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests.Text;

public class PlainTextLocatorCorpusTests
{
    private const int _maxMarkerLineLength = 1000;

    [Fact]
    public void Locate_EveryCorpusAndFixtureTextPart_AgreesWithALineByLineSearchWithoutAnchors()
    {
        // The locator matches line ranges in place and skips lines without anchors; the answer must be the one a plain
        // search gives that cuts every line as a string and tries every marker on it.
        var markers = ReplyMarkerSet.Default;
        var compared = 0;
        var withMarker = 0;
        var differences = new List<string>();
        foreach (var (file, message) in CorpusMessages.ParsableMessagesAndFixtures())
        {
            foreach (var part in message.BodyParts.OfType<TextPart>().Where(p => p.IsPlain))
            {
                var text = TextPartContent.Read(part);
                foreach (var variant in new[] { text, text.Replace("\r\n", "\n", StringComparison.Ordinal) })
                {
                    var point = PlainTextLocator.Locate(variant, Placement.UnderNewestReply, markers, EditBudget.Unlimited);
                    var (index, name) = LineByLine(variant, markers);
                    compared++;
                    withMarker += name is null ? 0 : 1;
                    if (point.QuoteStart != (index ?? variant.Length) || point.MarkerName != name)
                    {
                        differences.Add($"{file}: locator {point.QuoteStart} {point.MarkerName}, line by line {index} {name}");
                    }
                }
            }
        }

        Assert.True(compared > 100 && withMarker > 20, $"the corpus has text parts with markers to compare ({compared}, {withMarker} with a marker)");
        Assert.Empty(differences);
    }

    private static (int? Index, string? Name) LineByLine(string text, ReplyMarkerSet markers)
    {
        var lines = new List<(int Start, string Line)>();
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add((start, text.Substring(start)));
                break;
            }

            lines.Add((start, text.Substring(start, end - start).TrimEnd('\r')));
            start = end + 1;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Line;
            var next = i + 1 < lines.Count ? lines[i + 1].Line : null;
            foreach (var marker in markers.TextMarkers)
            {
                if (line.Length <= _maxMarkerLineLength && Matches(marker, line, next))
                {
                    return (lines[i].Start, marker.Name);
                }
            }
        }

        return (null, null);
    }

    private static bool Matches(ReplyMarker marker, string line, string? next)
    {
        if (marker.Pattern.IsMatch(line))
        {
            return marker.RequiresNext is null || (next is not null && marker.RequiresNext.IsMatch(next));
        }

        return marker.RequiresNext is null && !marker.PlainTextOnly && next is not null
            && (next.TrimEnd().EndsWith(':') || next.TrimEnd().EndsWith('\uFF1A')) && next.Length <= _maxMarkerLineLength
            && line.Trim().Length > 0 && !line.TrimStart().StartsWith('>')
            && marker.Pattern.IsMatch(line.TrimEnd() + " " + next.Trim());
    }
}
