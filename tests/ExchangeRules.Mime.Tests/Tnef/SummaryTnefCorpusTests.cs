using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime.Policies;
using Xunit;

namespace ExchangeRules.Mime.Tests.Tnef;

/// <summary>
/// Every TNEF stream of the corpus (written by Outlook, Exchange and others, not by us), carried as Summary TNEF: a
/// signature, a banner and a disclaimer either go into its body with every other attribute and MAPI property reading
/// back the same through MimeKit, or the message passes byte-identical with the reason in each outcome.
/// </summary>
public class SummaryTnefCorpusTests
{
    public static IEnumerable<object[]> AllStreams() => TnefCorpus.Streams().Concat(TnefCorpus.MalformedStreams());

    [Fact]
    public void Corpus_HasTnefStreamsToStamp()
    {
        Assert.True(AllStreams().Count() >= 5, string.Join(", ", AllStreams().Select(s => s[0])));
    }

    [Theory]
    [MemberData(nameof(AllStreams))]
    public void Apply_CorpusStream_StampsFaithfullyOrPassesUnchangedWithAReason(string name)
    {
        var original = SummaryTnefMessages.Around(TnefCorpus.Bytes(name));
        var options = new MessageEditorOptions { DefaultPolicy = new EditingPolicy { StampMeetingMessages = true } };

        var run = Stamping.Run(original, new MimeMessageEditor(options), SubmissionOrigin.Authenticated, Stamping.Banner(), Stamping.Signature(), Stamping.Disclaimer());

        Assert.DoesNotContain(run.Result.Outcomes, o => o.Status == ActionStatus.Failed);
        if (!run.Result.Changed)
        {
            Assert.Empty(run.Output);
            Assert.All(run.Result.Outcomes, o => Assert.StartsWith("skipped: ", o.Detail, StringComparison.Ordinal));
            Assert.All(run.Result.Outcomes, o => Assert.Contains("TNEF", o.Detail, StringComparison.Ordinal));
            return;
        }

        Assert.All(run.Result.Outcomes, o => Assert.Equal(ActionStatus.Applied, o.Status));
        SummaryTnefEditingTests.AssertOnlyBodyChanged(original, run.Output);
        var body = SummaryTnefMessages.BodyOf(run.Output);
        var stamped = body.Html ?? body.Plain ?? System.Text.Encoding.ASCII.GetString(body.Rtf!);
        Assert.Contains("CAUTION: external sender.", stamped, StringComparison.Ordinal);
        Assert.Contains("This e-mail is confidential.", stamped, StringComparison.Ordinal);
    }
}
