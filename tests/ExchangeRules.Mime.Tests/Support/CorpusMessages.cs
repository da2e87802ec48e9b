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
}
