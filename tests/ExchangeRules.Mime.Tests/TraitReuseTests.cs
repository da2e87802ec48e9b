using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Messages;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// The edit reuses the traits evaluation read from the message it takes over instead of walking its structure again
/// (<see cref="MimeMessageContent.TakeParsedMessage(out MessageTraits?)"/>): they must be exactly the traits the edit
/// computed itself from the taken message, for every message of the corpus and either origin.
/// </summary>
public class TraitReuseTests
{
    [Theory]
    [InlineData(SubmissionOrigin.Authenticated)]
    [InlineData(SubmissionOrigin.Anonymous)]
    public void TakenMessage_EvaluatedTraits_AreTheTraitsOfThatMessage_ForEveryCorpusMessage(SubmissionOrigin origin)
    {
        var corpus = TestRepository.Corpus;
        var paths = File.ReadAllLines(Path.Combine(corpus, "INDEX.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length >= 4 && !fields[3].Split(',').Contains("not-a-message"))
            .Select(fields => fields[0])
            .ToList();
        var differences = new List<string>();
        var compared = 0;
        var editor = new MimeMessageEditor();
        foreach (var path in paths)
        {
            using var input = new MemoryStream(File.ReadAllBytes(Path.Combine(corpus, path)), writable: false);
            using var content = (MimeMessageContent)editor.Read(input, origin);
            var evaluated = content.Traits;
            var taken = content.TakeParsedMessage(out var reused);
            if (taken is not { } parsed)
            {
                // Over a limit or unparsable: nothing is taken over, and the edit computes its own traits.
                Assert.Null(reused);
                continue;
            }

            using var message = parsed.Message;
            var trusted = content.TrustsStampHeader;
            var own = MessageTraitDetector.FromHeaders(message.Headers, message.Subject ?? string.Empty, trusted) | MessageTraitDetector.FromStructure(message, trusted);
            compared++;
            Assert.Equal(evaluated, reused);
            if (reused != own)
            {
                differences.Add($"{path}: evaluation {reused}, edit {own}");
            }
        }

        Assert.True(compared > 100, $"only {compared} corpus messages were parsed");
        Assert.Empty(differences);
    }

    [Fact]
    public void MessageNotParsedForEvaluation_HandsOverNoTraits()
    {
        var editor = new MimeMessageEditor();
        using var input = new MemoryStream(File.ReadAllBytes(Stamping.FixturePath("outlook-word-reply.eml")), writable: false);
        using var content = (MimeMessageContent)editor.Read(input, SubmissionOrigin.Authenticated);

        Assert.NotNull(content.TryGetMessage());
        var taken = content.TakeParsedMessage(out var traits);

        Assert.NotNull(taken);
        Assert.Null(traits);
        taken!.Value.Message.Dispose();
    }
}
