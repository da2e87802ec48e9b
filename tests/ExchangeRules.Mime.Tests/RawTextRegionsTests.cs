using System;
using System.Linq;
using ExchangeRules.Mime.Html;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class RawTextRegionsTests
{
    private const string _html =
        "<html><head><style><!-- p.MsoNormal {margin:0} --></style><TITLE>a <div> title</TITLE></head>"
        + "<body><!-- <div id=\"divRplyFwdMsg\"> --><p>Hello</p><script>var s = '<div class=gmail_quote>';</script>"
        + "<div id=\"appendonsend\"></div><!-- never closed <div>";

    [Theory]
    [InlineData("p.MsoNormal", true)]
    [InlineData("<div> title", true)]
    [InlineData("<div id=\"divRplyFwdMsg\">", true)]
    [InlineData("<div class=gmail_quote>", true)]
    [InlineData("<p>Hello", false)]
    [InlineData("<div id=\"appendonsend\">", false)]
    [InlineData("<body>", false)]
    [InlineData("never closed", true)]
    public void Contains_OffsetsOfTheDocument_AreInsideOnlyWithinCommentsAndRawTextElements(string what, bool expected)
    {
        var index = _html.IndexOf(what, StringComparison.Ordinal);

        Assert.Equal(expected, new RawTextRegions(_html).Contains(index));
    }

    [Fact]
    public void Contains_QuestionsInAnyOrder_AnswerAsFreshOnes()
    {
        var offsets = Enumerable.Range(0, _html.Length).ToArray();
        var expected = offsets.Select(i => new RawTextRegions(_html).Contains(i)).ToArray();
        var random = new Random(7);
        var shared = new RawTextRegions(_html);
        foreach (var i in offsets.OrderBy(_ => random.Next()).Concat(offsets))
        {
            Assert.Equal(expected[i], shared.Contains(i));
        }
    }

    [Fact]
    public void BackwardSearch_IncreasingAndDecreasingStarts_AgreeWithLastIndexOf()
    {
        var random = new Random(20261128);
        for (var round = 0; round < 300; round++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 120)).Select(_ => "<!-x"[random.Next(4)]).ToArray());
            var value = round % 3 == 0 ? "<!--" : round % 3 == 1 ? "<!" : "x";
            var search = new RawTextRegions.BackwardSearch(text, value);
            for (var question = 0; question < 20; question++)
            {
                // Mostly further down, as the locator asks, sometimes back up.
                var start = random.Next(4) == 0 ? random.Next(text.Length) : Math.Min(text.Length - 1, (question * text.Length / 20) + random.Next(3));
                Assert.Equal(text.LastIndexOf(value, start, StringComparison.Ordinal), search.LastAtOrBefore(start));
            }
        }
    }
}
