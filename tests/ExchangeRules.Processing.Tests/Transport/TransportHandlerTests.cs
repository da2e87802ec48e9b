using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing.Tests.Support;
using ExchangeRules.Processing.Transport;
using Moq;
using Xunit;

namespace ExchangeRules.Processing.Tests.Transport;

public sealed class TransportHandlerTests
{
    private const string _message = "From: alice@contoso.com\r\nTo: bob@contoso.com\r\nMessage-ID: <1@contoso.com>\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nX-MS-Exchange-Organization-AuthAs: Internal\r\nSubject: Hi\r\n\r\nHello\r\n";
    private const string _edited = "From: alice@contoso.com\r\nTo: bob@contoso.com\r\nMessage-ID: <1@contoso.com>\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nX-MS-Exchange-Organization-AuthAs: Internal\r\nSubject: Hi\r\nX-ExchangeRules-Stamped: Footer\r\n\r\nHello\r\n-- footer --\r\n";
    private static readonly OrganizationKey _key = OrganizationKey.Parse(Convert.ToBase64String(new byte[32]));

    private readonly Mock<IMessageProcessor> _processor = new(MockBehavior.Strict);
    private readonly TransportSession _session = new();

    [Fact]
    public void Resolved_Changed_WritesTheEditedMessageWithTheMarkerInsideIt_Once()
    {
        Returns(Changed());
        var item = new FakeTransportItem(_message, "bob@contoso.com");

        var handling = Handle(item, TransportEvent.Resolved);

        Assert.Equal(new[] { "write" }, item.Calls);
        Assert.True(handling.ContentWritten && handling.Marked);
        Assert.Contains("-- footer --", item.Text, StringComparison.Ordinal);
        Assert.Contains("\r\nX-ExchangeRules-Processed: processed\r\n\r\nHello", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolved_Unchanged_SetsTheMarkerThroughTheHeaderApiWithoutRewriting()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });
        var item = new FakeTransportItem(_message, "bob@contoso.com");

        Handle(item, TransportEvent.Resolved);

        Assert.Equal(new[] { "header:X-ExchangeRules-Processed=processed" }, item.Calls);
    }

    [Fact]
    public void Routed_AfterTheItemWasHandledAtResolved_IsNotHandledAgain_ButAForkedCloneIs()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Split, SplitRecipients = new[] { "bob@contoso.com" }, Mime = Stream(_edited) });
        var item = new FakeTransportItem(_message, "bob@contoso.com", "carol@contoso.com");
        Handle(item, TransportEvent.Resolved);

        var again = Handle(item, TransportEvent.Routed);
        var clone = new FakeTransportItem(_message, "carol@contoso.com");
        Returns(Changed());
        var cloneHandling = Handle(clone, TransportEvent.Routed);

        Assert.Equal(TransportDisposition.Skipped, again.Disposition);
        Assert.Equal(TransportDisposition.Processed, cloneHandling.Disposition);
        Assert.Contains("-- footer --", clone.Text, StringComparison.Ordinal);
        _processor.Verify(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public void Submitted_AppliesOnlyRecipientChanges_AndLaterEventsDoNotAddThemAgain()
    {
        var bcc = new RecipientAction("Archive", FailurePolicy.FailOpen, RecipientChange.Bcc, "archive@contoso.com");
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Changed, Mime = Stream(_edited), EnvelopeChanges = new[] { bcc } });
        var item = new FakeTransportItem(_message, "bob@contoso.com") { CanAddRecipients = true };

        Handle(item, TransportEvent.Submitted);
        item.CanAddRecipients = false;
        var resolved = Handle(item, TransportEvent.Resolved);

        Assert.Equal(new[] { "add:archive@contoso.com", "write" }, item.Calls);
        Assert.Empty(resolved.Notes);
    }

    [Fact]
    public void Submitted_AProcessorThatCanEvaluateRecipientChangesAlone_IsNotAskedToEditUntilResolved()
    {
        var bcc = new RecipientAction("Archive", FailurePolicy.FailOpen, RecipientChange.Bcc, "archive@contoso.com");
        var processor = new Mock<IMessageProcessor>(MockBehavior.Strict);
        processor.As<IRecipientChangeProbe>().SetupGet(p => p.MayChangeRecipients).Returns(true);
        processor.As<IRecipientChangeProbe>()
            .Setup(p => p.ProcessRecipientChanges(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Returns(new ProcessingResult { Outcome = ProcessingOutcome.Changed, EnvelopeChanges = new[] { bcc } });
        processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Returns(() => Changed());
        var handler = new TransportHandler(processor.Object, new TransportHandlerOptions());
        var item = new FakeTransportItem(_message, "bob@contoso.com") { CanAddRecipients = true };

        handler.Handle(item, TransportEvent.Submitted, _session, FakeOrganization.Contoso, CancellationToken.None);
        item.CanAddRecipients = false;
        handler.Handle(item, TransportEvent.Resolved, _session, FakeOrganization.Contoso, CancellationToken.None);

        Assert.Equal(new[] { "add:archive@contoso.com", "write" }, item.Calls);
        processor.As<IRecipientChangeProbe>().Verify(p => p.ProcessRecipientChanges(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()), Times.Once);
        processor.Verify(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void WriteFailure_DefersInsteadOfCommittingAnything()
    {
        Returns(Changed());
        var item = new FakeTransportItem(_message, "bob@contoso.com") { FailWrites = true };

        var handling = Handle(item, TransportEvent.Resolved);

        Assert.Equal(TransportDisposition.Deferred, handling.Disposition);
        Assert.Equal("write", item.Calls[0]);
        Assert.StartsWith("defer:ExchangeRules: writing the edited message failed", item.Calls[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalRecipientsOnly_GetNoHeaderOfOurs()
    {
        Returns(Changed());
        var item = new FakeTransportItem(_message, "partner@fabrikam.com");

        var handling = Handle(item, TransportEvent.Resolved);

        Assert.False(handling.Marked);
        Assert.DoesNotContain("X-ExchangeRules-", item.Text, StringComparison.Ordinal);
        Assert.Contains("-- footer --", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void MixedRecipients_ContentNamingOurRules_ForksTheExternalOnesOff()
    {
        Returns(Changed());
        var item = new FakeTransportItem(_message, "bob@contoso.com", "partner@fabrikam.com");

        var handling = Handle(item, TransportEvent.Resolved);

        Assert.Equal(new[] { "partner@fabrikam.com" }, handling.ForkedOff);
        Assert.Equal("fork:bob@contoso.com", item.Calls[0]);
    }

    [Fact]
    public void WithAKey_OnlyAMarkerThatVerifiesSkipsProcessing()
    {
        var identity = MessageIdentity.Of(MimeKit.HeaderList.Load(Stream(_message)));
        var signed = _message.Replace("Subject: Hi\r\n", $"Subject: Hi\r\nX-ExchangeRules-Processed: {ProcessedMarker.ValueFor(_key, identity)}\r\n", StringComparison.Ordinal);
        var forged = _message.Replace("Subject: Hi\r\n", "Subject: Hi\r\nX-ExchangeRules-Processed: processed\r\n", StringComparison.Ordinal);
        Returns(Changed());

        var skipped = Handle(new FakeTransportItem(signed, "bob@contoso.com"), TransportEvent.Resolved, _key);
        var processed = Handle(new FakeTransportItem(forged, "bob@contoso.com"), TransportEvent.Resolved, _key, new TransportSession());

        Assert.Equal(TransportDisposition.Skipped, skipped.Disposition);
        Assert.Equal(TransportDisposition.Processed, processed.Disposition);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WithAKey_TheMarkerWrittenInEitherWay_VerifiesForTheMessageOnItsNextCrossing(bool edited)
    {
        Returns(edited ? Changed() : new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });
        var item = new FakeTransportItem(_message, "bob@contoso.com");

        var first = Handle(item, TransportEvent.Resolved, _key);
        var again = Handle(new FakeTransportItem(item.Text, "bob@contoso.com"), TransportEvent.Resolved, _key, new TransportSession());

        Assert.True(first.Marked);
        Assert.Equal(edited, first.ContentWritten);
        Assert.Equal(TransportDisposition.Skipped, again.Disposition);
        Assert.True(again.Marked);
    }

    [Theory]
    [InlineData("Internal", true)]
    [InlineData("Anonymous", false)]
    public void WithoutAKey_AnUnsignedMarkerIsTrustedOnlyOnAuthenticatedMail(string authAs, bool trusted)
    {
        var message = _message.Replace("AuthAs: Internal", "AuthAs: " + authAs, StringComparison.Ordinal).Replace("Subject: Hi\r\n", "Subject: Hi\r\nX-ExchangeRules-Processed: processed\r\n", StringComparison.Ordinal);

        Assert.Equal(trusted, ProcessedMarker.IsTrusted(new[] { "processed" }, authAs == "Internal" ? SubmissionOrigin.Authenticated : SubmissionOrigin.Anonymous, null, MessageIdentity.Of(MimeKit.HeaderList.Load(Stream(message)))));
    }

    [Fact]
    public void ProcessedMarker_BindsTheMessageIdentity()
    {
        var identity = MessageIdentity.Of(MimeKit.HeaderList.Load(Stream(_message)));
        var other = MessageIdentity.Of(MimeKit.HeaderList.Load(Stream(_message.Replace("<1@contoso.com>", "<2@contoso.com>", StringComparison.Ordinal))));
        var value = ProcessedMarker.ValueFor(_key, identity);

        Assert.True(ProcessedMarker.IsTrusted(new[] { value }, SubmissionOrigin.Anonymous, _key, identity));
        Assert.False(ProcessedMarker.IsTrusted(new[] { value }, SubmissionOrigin.Authenticated, _key, other));
        Assert.False(ProcessedMarker.IsTrusted(new[] { value }, SubmissionOrigin.Authenticated, OrganizationKey.Generate(), identity));
        Assert.DoesNotContain("contoso", value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TopLevelHeaders_Copy_ChangesOnlyTheNamedFieldsAndKeepsFoldingAndBody()
    {
        const string message = "A: 1\nX-Folded: one\n two\nX-ExchangeRules-Processed: old\nB: 2\n\nbody\nX-ExchangeRules-Processed: in body\n";
        using var source = Stream(message);
        using var target = new MemoryStream();

        TopLevelHeaders.Copy(source, target, name => name == ProcessedMarker.Name, new[] { new System.Collections.Generic.KeyValuePair<string, string>(ProcessedMarker.Name, "new") });

        Assert.Equal("A: 1\nX-Folded: one\n two\nB: 2\nX-ExchangeRules-Processed: new\n\nbody\nX-ExchangeRules-Processed: in body\n", Encoding.ASCII.GetString(target.ToArray()));
    }

    [Theory]
    [InlineData(4093)]
    [InlineData(4094)]
    [InlineData(8190)]
    [InlineData(20_000)]
    public void TopLevelHeaders_Edit_HeaderBlocksOfManySizes_OverSeveralReads_AreEditedAndTheBodyKept(int headerBytes)
    {
        var filler = new StringBuilder();
        for (var i = 0; filler.Length < headerBytes; i++)
        {
            filler.Append("X-Filler-").Append(i).Append(": ").Append('v', i % 70).Append("\r\n");
        }

        var headers = "From: alice@contoso.com\r\nX-ExchangeRules-Processed: old\r\n" + filler;
        var body = "body line\r\n" + new string('b', 9000) + "\r\nX-ExchangeRules-Processed: in body\r\n";
        var add = new[] { new System.Collections.Generic.KeyValuePair<string, string>(ProcessedMarker.Name, "new") };

        using var edited = TopLevelHeaders.Edit(Stream(headers + "\r\n" + body), name => name == ProcessedMarker.Name, add);

        var expected = "From: alice@contoso.com\r\n" + filler + "X-ExchangeRules-Processed: new\r\n\r\n" + body;
        Assert.Equal(expected, Encoding.ASCII.GetString(ReadToEnd(edited)));
    }

    [Theory]
    [InlineData("A: 1\r\nX-ExchangeRules-Processed: old\r\nB: 2\r\n\r\n")]
    [InlineData("A: 1\nB: 2")]
    [InlineData("A: 1\r\nB: 2\r\n\r\nshort body\r\n")]
    public void TopLevelHeaders_Edit_GivesTheSameBytesAsCopy_AndCanBeReadAgain(string message)
    {
        var add = new[] { new System.Collections.Generic.KeyValuePair<string, string>(ProcessedMarker.Name, "new") };
        using var copied = new MemoryStream();
        TopLevelHeaders.Copy(Stream(message), copied, name => name == ProcessedMarker.Name, add);

        using var edited = TopLevelHeaders.Edit(Stream(message), name => name == ProcessedMarker.Name, add);
        var first = ReadToEnd(edited);
        edited.Position = 0;
        var second = ReadToEnd(edited);

        Assert.Equal(copied.ToArray(), first);
        Assert.Equal(first, second);
        Assert.Equal(first.Length, edited.Length);
    }

    [Fact]
    public void TopLevelHeaders_Edit_ReadsOnlyTheHeaderBlock_TheBodyComesFromTheSourceAsTheResultIsRead()
    {
        var body = new string('x', 200_000) + "\r\nX-ExchangeRules-Processed: in body\r\n";
        var source = new CountingStream(Encoding.ASCII.GetBytes("A: 1\r\nX-ExchangeRules-Processed: old\r\n\r\n" + body));

        using var edited = TopLevelHeaders.Edit(source, name => name == ProcessedMarker.Name, new[] { new System.Collections.Generic.KeyValuePair<string, string>(ProcessedMarker.Name, "new") });
        var readBeforeCopy = source.BytesRead;
        var text = Encoding.ASCII.GetString(ReadToEnd(edited));

        Assert.True(readBeforeCopy < 8192, $"the header block edit read {readBeforeCopy} bytes of the source");
        Assert.Equal("A: 1\r\nX-ExchangeRules-Processed: new\r\n\r\n" + body, text);
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        using var target = new MemoryStream();
        var buffer = new byte[1000];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            target.Write(buffer, 0, read);
        }

        return target.ToArray();
    }

    private TransportHandling Handle(FakeTransportItem item, TransportEvent transportEvent, OrganizationKey? key = null, TransportSession? session = null) =>
        new TransportHandler(_processor.Object, new TransportHandlerOptions { OrganizationKey = key }).Handle(item, transportEvent, session ?? _session, FakeOrganization.Contoso, CancellationToken.None);

    private static ProcessingResult Changed() => new() { Outcome = ProcessingOutcome.Changed, Mime = Stream(_edited) };

    private static MemoryStream Stream(string text) => new(Encoding.ASCII.GetBytes(text));

    private void Returns(ProcessingResult result) =>
        _processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>())).Returns(() => new ProcessingResult
        {
            Outcome = result.Outcome,
            Mime = result.Mime is null ? null : Stream(_edited),
            SplitRecipients = result.SplitRecipients,
            EnvelopeChanges = result.EnvelopeChanges,
        });
}
