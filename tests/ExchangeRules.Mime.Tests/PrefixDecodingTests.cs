using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class PrefixDecodingTests
{
    public static TheoryData<string, int, int, int> Cases()
    {
        var cases = new TheoryData<string, int, int, int>();
        var defaults = new MessageEditorOptions();
        foreach (var signature in new[] { "ascii", "non-ascii", "long" })
        {
            // The default tops (a first and a larger HTML top), and tops so short that nearly every part is cut (every
            // limit is then reached), in two HTML stages and in one.
            cases.Add(signature, defaults.HtmlFirstPrefixBytes, defaults.HtmlPrefixBytes, defaults.TextPrefixBytes);
            cases.Add(signature, 256, 1024, 256);
            cases.Add(signature, 64, 64, 16);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_UnderTheNewestReply_EveryCorpusAndFixtureMessage_SameBytesAsDecodingWholeParts(string signature, int htmlFirstPrefixBytes, int htmlPrefixBytes, int textPrefixBytes)
    {
        // Locating in the first lines of each part is a shortcut only: the output must be the whole parts' byte for byte.
        var action = signature switch
        {
            "ascii" => Stamping.Signature(),
            "non-ascii" => Stamping.Signature(html: "<p>Jürgen Müller · Société Générale — “Zürich”</p>", text: "Jürgen Müller · Société Générale — “Zürich”"),
            _ => Stamping.Signature(html: string.Concat(Enumerable.Repeat("<p>Contoso Ltd. · Registered office Munich · HRB 123456</p>\n", 60)), text: string.Concat(Enumerable.Repeat("Contoso Ltd. | Registered office Munich | HRB 123456\n", 60))),
        };
        var shortcut = new MimeMessageEditor(new MessageEditorOptions { HtmlFirstPrefixBytes = htmlFirstPrefixBytes, HtmlPrefixBytes = htmlPrefixBytes, TextPrefixBytes = textPrefixBytes });
        var whole = new MimeMessageEditor(new MessageEditorOptions { DecodePrefixFirst = false });
        var fixtures = System.IO.Directory.EnumerateFiles(Path.GetDirectoryName(Stamping.FixturePath("gmail-reply.eml"))!, "*.eml");
        var messages = TestRepository.CorpusEmlFiles().Concat(fixtures).ToList();
        var differences = new List<string>();
        var stamped = 0;
        foreach (var path in messages)
        {
            var original = File.ReadAllBytes(path);
            StampRun expected;
            try
            {
                expected = Stamping.Run(original, whole, SubmissionOrigin.Authenticated, action);
            }
            catch (Exception ex) when (ex is FormatException or InvalidDataException)
            {
                continue;
            }

            var actual = Stamping.Run(original, shortcut, SubmissionOrigin.Authenticated, action);
            stamped += expected.Result.Changed ? 1 : 0;
            if (actual.Result.Changed != expected.Result.Changed || !actual.Output.AsSpan().SequenceEqual(expected.Output)
                || actual.Result.Outcomes.Single().Detail != expected.Result.Outcomes.Single().Detail)
            {
                differences.Add($"{Path.GetFileName(path)}: {actual.Result.Outcomes.Single().Detail} / whole parts: {expected.Result.Outcomes.Single().Detail}");
            }
        }

        Assert.True(stamped > 80, $"messages stamped: {stamped}");
        Assert.Empty(differences);
    }
}
