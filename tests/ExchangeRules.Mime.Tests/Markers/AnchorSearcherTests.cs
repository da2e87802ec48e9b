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
    public void IndexOf_RandomTextsAnchorsAndRanges_AgreesWithAComparisonAtEveryPosition()
    {
        // Short anchors (one or two characters, such as 写道) are looked for only where a position's first character
        // begins one, and at the last positions of a range where no longer anchor fits: compared here with the rule
        // spelled out, over texts made of the anchors' own pieces.
        var random = new Random(20261207);
        string[] pool = ["写道", "寫道", "写", "道", "x", "=c", "c", "wrote", "WRO", "te", "écrit", "ÉCRIT", "__", "___", "From", "fr", "a", "De:", "d"];
        string[] filler = ["写", "道", "寫", "w", "r", "o", "t", "e", "=", "c", "C", "_", "é", "É", "F", "f", "D", ":", " ", "a", "\n"];
        for (var round = 0; round < 3000; round++)
        {
            var anchors = pool.Where(_ => random.Next(3) == 0).ToList();
            if (anchors.Count == 0)
            {
                anchors.Add(pool[random.Next(pool.Length)]);
            }

            var searcher = new AnchorSearcher(anchors);
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => random.Next(4) == 0 ? pool[random.Next(pool.Length)] : filler[random.Next(filler.Length)]));
            for (var question = 0; question < 8; question++)
            {
                var from = random.Next(-2, text.Length + 2);
                var to = random.Next(from - 2, text.Length + 4);
                Assert.True(
                    Expected(anchors, text, from, to) == searcher.IndexOf(text, from, to),
                    $"anchors [{string.Join(", ", anchors)}] in \"{text}\" [{from}, {to})");
            }
        }
    }

    /// <summary>The first position of <c>[from, to)</c> where an anchor starts and ends inside the range, each UTF-16 unit folded to upper case.</summary>
    private static int Expected(System.Collections.Generic.IReadOnlyList<string> anchors, string text, int from, int to)
    {
        to = Math.Min(to, text.Length);
        for (var i = Math.Max(from, 0); i < to; i++)
        {
            foreach (var anchor in anchors)
            {
                if (i + anchor.Length <= to && Enumerable.Range(0, anchor.Length).All(k => char.ToUpperInvariant(text[i + k]) == char.ToUpperInvariant(anchor[k])))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    [Fact]
    public void TagsStartingIn_RandomTaggedAnchorsTextsAndRanges_NamesEveryTagWhoseAnchorStartsInTheRange()
    {
        // Anchors shared by several tags, anchors inside or at the start of others (From, From:, fr), short ones: every
        // tag of every anchor that starts in the range counts, wherever the anchor ends in the text.
        var random = new Random(20261208);
        string[] pool = ["写道", "寫道", "写", "x", "=c", "c", "wrote", "WRO", "te", "écrit", "__", "___", "From", "From:", "fr", "a", "De:", "d"];
        string[] filler = ["写", "道", "寫", "w", "r", "o", "t", "e", "=", "c", "_", "é", "F", "f", "D", ":", " ", "a", "\n"];
        for (var round = 0; round < 3000; round++)
        {
            var anchors = pool.Where(_ => random.Next(3) == 0).Select(anchor => (Anchor: anchor, Tag: random.Next(-1, 64))).ToList();
            if (anchors.Count == 0)
            {
                anchors.Add((pool[random.Next(pool.Length)], random.Next(0, 64)));
            }

            var searcher = new AnchorSearcher(anchors);
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => random.Next(4) == 0 ? pool[random.Next(pool.Length)] : filler[random.Next(filler.Length)]));
            for (var question = 0; question < 8; question++)
            {
                var from = random.Next(-2, text.Length + 2);
                var to = random.Next(from - 2, text.Length + 4);
                var expected = 0UL;
                for (var i = Math.Max(from, 0); i < Math.Min(to, text.Length); i++)
                {
                    foreach (var (anchor, tag) in anchors)
                    {
                        if (tag >= 0 && i + anchor.Length <= text.Length && Enumerable.Range(0, anchor.Length).All(k => char.ToUpperInvariant(text[i + k]) == char.ToUpperInvariant(anchor[k])))
                        {
                            expected |= 1UL << tag;
                        }
                    }
                }

                Assert.True(expected == searcher.TagsStartingIn(text, from, to), $"anchors [{string.Join(", ", anchors)}] in \"{text}\" [{from}, {to})");
            }
        }
    }

    [Fact]
    public void TagsStartingIn_UntaggedSearcher_IsZero()
    {
        Assert.Equal(0UL, new AnchorSearcher(["wrote"]).TagsStartingIn("Bob wrote:", 0, 10));
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
