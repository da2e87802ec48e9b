using System;
using System.Linq;
using ExchangeRules.Mime.Html;
using Xunit;

namespace ExchangeRules.Mime.Tests.Html;

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
    public void Contains_RandomDocumentsAndQuestionsInAnyOrder_AnswerAsTheLastOpenerRuleSays()
    {
        var random = new Random(20261128);
        // Every opener in both spellings, mixed-case spellings (not openers), and ordinary tags that start with an
        // opener's letter, so the check of the character after '<' is tested against the rule.
        string[] pieces =
        [
            "<!--", "-->", "<style>", "</style>", "<STYLE>", "</Style>", "<script", "</script>", "<title>", "</TITLE>", "<textarea", "<xmp>", "<noscript>", "<", "<p>", "x", " ", "<sty",
            "<iframe>", "</IFRAME>", "<NOFRAMES>", "</noframes>", "<noembed>", "</noembed>", "<template>", "</Template>", "<TEXTAREA>", "</textarea>", "<XMP>", "</xmp>",
            "<Style>", "<Script>", "<!", "<!-", "<i>", "<s>", "<span>", "<table>", "<nav>", "<img>", "<x>", "<!DOCTYPE html>", "<S", "<T",
        ];
        for (var round = 0; round < 400; round++)
        {
            var html = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            var regions = new RawTextRegions(html);
            var offsets = Enumerable.Range(0, html.Length).ToList();

            // Mostly further down, as the locator asks, and now and then back up.
            var questions = offsets.Where(_ => random.Next(3) == 0).Concat(offsets.Where(_ => random.Next(5) == 0).OrderBy(_ => random.Next()));
            foreach (var index in questions)
            {
                Assert.True(Expected(html, index) == regions.Contains(index), $"offset {index} of \"{html}\"");
            }
        }
    }

    /// <summary>The rule, spelled out with a backward search per opener (what the locator did before).</summary>
    private static bool Expected(string html, int index)
    {
        var comment = html.LastIndexOf("<!--", index, StringComparison.Ordinal);
        if (comment >= 0)
        {
            var close = html.IndexOf("-->", comment + 4, StringComparison.Ordinal);
            if (close < 0 || close > index)
            {
                return true;
            }
        }

        foreach (var container in new[] { "<script", "<style", "<title", "<textarea", "<xmp", "<noscript", "<iframe", "<noframes", "<noembed", "<template" })
        {
            var open = Math.Max(html.LastIndexOf(container, index, StringComparison.Ordinal), html.LastIndexOf(container.ToUpperInvariant(), index, StringComparison.Ordinal));
            if (open >= 0)
            {
                var close = html.IndexOf("</" + container[1..], open, StringComparison.OrdinalIgnoreCase);
                if (close < 0 || close > index)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
