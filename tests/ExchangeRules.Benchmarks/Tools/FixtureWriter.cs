using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using ExchangeRules.Benchmarks.Fixtures;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>Writes the comparison messages and the disclaimer files into a folder.</summary>
internal static class FixtureWriter
{
    /// <summary>The comparison messages by file name.</summary>
    public static IReadOnlyList<(string Name, byte[] Mime)> Messages(string to) =>
    [
        ("small-plain.eml", MessageFixtures.SmallPlain(to)),
        ("latin1-qp.eml", MessageFixtures.Latin1QuotedPrintable(to)),
        ("base64-alternative.eml", MessageFixtures.Base64Alternative(to)),
        ("outlook-reply-40k.eml", MessageFixtures.OutlookReply40K(to)),
        ("large-10mb.eml", MessageFixtures.LargeWithAttachments(to)),
    ];

    /// <summary>Writes <c>messages/*.eml</c>, <c>disclaimer.txt</c> and <c>disclaimer.html</c> (UTF-8, no BOM).</summary>
    public static int Write(string folder)
    {
        var messages = Path.Combine(folder, "messages");
        System.IO.Directory.CreateDirectory(messages);
        foreach (var (name, mime) in Messages(MessageFixtures.ExternalRecipient))
        {
            File.WriteAllBytes(Path.Combine(messages, name), mime);
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        File.WriteAllText(Path.Combine(folder, "disclaimer.txt"), Disclaimer.Text, utf8);
        File.WriteAllText(Path.Combine(folder, "disclaimer.html"), Disclaimer.Html, utf8);
        Console.WriteLine($"fixtures written to {Path.GetFullPath(folder)}");
        return 0;
    }
}
