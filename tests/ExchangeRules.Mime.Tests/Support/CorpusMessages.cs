using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Testing;
using MimeKit;

namespace ExchangeRules.Mime.Tests.Support;

/// <summary>The messages of the real-world corpus (tests/corpus) and of this project's fixtures.</summary>
internal static class CorpusMessages
{
    /// <summary>Every corpus and fixture message that MimeKit can parse, with its file name.</summary>
    public static IEnumerable<(string Name, MimeMessage Message)> ParsableMessagesAndFixtures()
    {
        var fixtures = System.IO.Directory.EnumerateFiles(Path.GetDirectoryName(Stamping.FixturePath("gmail-reply.eml"))!, "*.eml")
            .Concat(System.IO.Directory.EnumerateFiles(PlacementRow.FixtureFolder, "*.eml"));
        foreach (var path in TestRepository.CorpusEmlFiles().Concat(fixtures))
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(path);
            }
            catch (FormatException)
            {
                continue;
            }

            yield return (Path.GetFileName(path), message);
        }
    }

    /// <summary>
    /// The encoded bytes of every quoted-printable part of the corpus messages MimeKit can parse, with the message's file
    /// name: real encoders' output for the oracle tests of the quoted-printable fast paths.
    /// </summary>
    public static IEnumerable<(string Name, byte[] Encoded)> QuotedPrintableCorpusParts()
    {
        foreach (var path in TestRepository.CorpusEmlFiles())
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(path);
            }
            catch (FormatException)
            {
                continue;
            }

            using (message)
            {
                foreach (var part in message.BodyParts.OfType<MimePart>().Where(p => p.ContentTransferEncoding == ContentEncoding.QuotedPrintable && p.Content is not null))
                {
                    using var raw = new MemoryStream();
                    var encoded = part.Content!.Stream ?? Stream.Null;
                    encoded.Position = 0;
                    encoded.CopyTo(raw);
                    yield return (Path.GetFileName(path), raw.ToArray());
                }
            }
        }
    }
}
