using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeRules.Mime.Markers;
using ExchangeRules.Mime.Tests.Support;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests.Markers;

public class ReplyMarkerPatternTests
{
    // The lookahead some built-in patterns start with: a shortcut for the colon their end requires.
    private static readonly Regex _colonLookahead = new(@"^\^\(\?=\[\\s\\S\]\*(?::|\[:：\])\\s\*\$\)", RegexOptions.CultureInvariant);

    private static readonly string[] _craftedLines =
    [
        "Jan Kowalski <jan@example.pl> napisał:",
        "W dniu 14.11.2023 o 09:30, Jan Kowalski <jan@example.pl> napisał(a):  ",
        "Jan Kowalski napisała :",
        "Jan Kowalski napisał: and then some more text",
        "Иван Петров <ivan@example.ru> написал:",
        "14 ноября 2023 г., в 9:30, Иван Петров написала:",
        "Name <addr@example.cn> 于2023年11月14日周二 09:30写道：",
        "Name <addr@example.tw> 於 2023年11月14日 週二 上午9:30寫道:",
        "2023/11/14 9:30、山田太郎 <taro@example.jp>のメール:",
        "2023/11/14 9:30、山田太郎のメッセージ：",
        "写道：",
        "abcd\nnapisał:",
        "abcd napisał:\n",
        "ab:cd napisał and nothing after",
        "From: Anna Schmidt <anna.schmidt@fabrikam.example>",
        "We heard from the supplier that the delivery schedule was agreed before the meeting: see https://example.com/a:b",
        string.Concat(Enumerable.Repeat("a long paragraph from the sender with colons: here and there ", 20)) + " napisał:",
        "",
        ":",
        " : ",
    ];

    [Fact]
    public void ColonLookahead_BuiltInPatterns_MatchExactlyWhatThePatternWithoutItMatches()
    {
        // The lookahead only restates what the pattern's end already requires (the colon before the end of the line),
        // so that long lines are ruled out without the backtracking of the free run: compared here with the pattern
        // without it, on crafted attribution lines and on every line of the corpus's and fixtures' text parts.
        var pairs = ReplyMarkerSet.Default.Markers
            .Where(m => _colonLookahead.IsMatch(m.Pattern.ToString()))
            .Select(m => (m.Name, Fast: m.Pattern, Plain: new Regex(_colonLookahead.Replace(m.Pattern.ToString(), "^"), m.Pattern.Options)))
            .ToList();
        Assert.True(pairs.Count >= 4, $"the built-in patterns with the colon lookahead ({pairs.Count})");

        var matches = 0;
        foreach (var line in _craftedLines.Concat(CorpusLines()))
        {
            foreach (var (name, fast, plain) in pairs)
            {
                var expected = plain.Match(line);
                var actual = fast.Match(line);
                Assert.True(
                    expected.Success == actual.Success && expected.Index == actual.Index && expected.Length == actual.Length,
                    $"{name} on \"{line}\": without the lookahead {expected.Success}, with it {actual.Success}");
                matches += actual.Success ? 1 : 0;
            }
        }

        Assert.True(matches >= 8, $"the crafted attribution lines match ({matches})");
    }

    /// <summary>Every line of every text part of the corpus and the fixtures, as long as the markers test (1,000 characters).</summary>
    private static IEnumerable<string> CorpusLines()
    {
        foreach (var (_, message) in CorpusMessages.ParsableMessagesAndFixtures())
        {
            using (message)
            {
                foreach (var part in message.BodyParts.OfType<TextPart>())
                {
                    string text;
                    try
                    {
                        text = part.Text;
                    }
                    catch (ArgumentException)
                    {
                        continue;
                    }

                    foreach (var line in text.Split('\n'))
                    {
                        if (line.Length <= TextMarkerMatcher.MaxLineLength)
                        {
                            yield return line.TrimEnd('\r');
                        }
                    }
                }
            }
        }
    }
}
