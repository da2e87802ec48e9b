using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ExchangeRules.Mime.Markers;
using Xunit;

namespace ExchangeRules.Mime.Tests.Markers;

public class AnchorSearcherTests
{
    [Theory]
    [InlineData("nothing here", -1)]
    [InlineData("On Monday Alice WROTE:", 16)]
    [InlineData("Le 3 mars, Alice a ÉCRIT :", 19)]
    [InlineData("Иван НАПИСАЛ:", 5)]
    [InlineData("x__________", 1)]
    [InlineData("wro", -1)]
    public void IndexOf_WholeText_FindsTheFirstAnchorIgnoringCase(string text, int expected)
    {
        var searcher = new AnchorSearcher(["wrote", "écrit", "написал", "____"]);

        Assert.Equal(expected, searcher.IndexOf(text, 0, text.Length));
    }

    [Fact]
    public void IndexOf_AnchorCrossingTheEndOfTheRange_IsNotFound()
    {
        var searcher = new AnchorSearcher(["wrote"]);
        const string Text = "Alice wrote:";

        Assert.Equal(-1, searcher.IndexOf(Text, 0, 9));
        Assert.Equal(6, searcher.IndexOf(Text, 0, 11));
        Assert.Equal(-1, searcher.IndexOf(Text, 7, Text.Length));
    }

    [Fact]
    public void IndexOf_AnchorsShorterThanThreeCharacters_AreFound()
    {
        var searcher = new AnchorSearcher(["=c", "gmail_quote"]);

        Assert.Equal(4, searcher.IndexOf("type=CITE", 0, 9));
        Assert.Equal(5, searcher.IndexOf("<div GMAIL_QUOTE>", 0, 17));
        Assert.Equal(-1, searcher.IndexOf("type=", 0, 5));
    }

    [Fact]
    public void Constructor_NoNonEmptyAnchor_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AnchorSearcher(["", ""]));
    }

    [Fact]
    public void IndexOf_EveryCorpusMessage_AgreesWithACaseInsensitiveRegexAlternation()
    {
        // The searcher replaced a regex alternation of the same anchors: on real messages it must find the same first hit.
        var markers = ReplyMarkerSet.Default;
        var anchors = markers.Markers.SelectMany(m => m.Anchors).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var searcher = new AnchorSearcher(anchors);
        var regex = new Regex(string.Join("|", anchors.Select(Regex.Escape)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var checkedHits = 0;
        foreach (var path in TestRepository.CorpusEmlFiles())
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(path));
            for (var from = 0; from < text.Length;)
            {
                var expected = regex.Match(text, from);
                var actual = searcher.IndexOf(text, from, text.Length);
                Assert.True(
                    (expected.Success ? expected.Index : -1) == actual,
                    $"{Path.GetFileName(path)} from offset {from}: regex {(expected.Success ? expected.Index : -1)}, searcher {actual}");
                if (actual < 0)
                {
                    break;
                }

                checkedHits++;
                from = actual + 1;
            }
        }

        Assert.True(checkedHits > 100, $"the corpus has anchor hits to compare ({checkedHits})");
    }
}
