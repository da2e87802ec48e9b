using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Agent.Tests.Support;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;
using Moq;
using Serilog.Core;
using Xunit;

namespace ExchangeRules.Agent.Tests;

/// <summary>
/// Pins Exchange's contract (reference §4.6, anchors §7.6): these tests must fail if a refactor drops Resume,
/// Complete, the closing of the write stream or the catch-all.
/// </summary>
public sealed class MailItemGatewayTests
{
    private static readonly byte[] _edited = Encoding.ASCII.GetBytes("Subject: edited\r\n\r\nbody\r\n");

    private readonly List<string> _calls = new();
    private readonly Mock<IMessageProcessor> _processor = new(MockBehavior.Strict);
    private readonly Mock<IAsyncCompletion> _completion = new(MockBehavior.Strict);
    private readonly RecordingEventSource _source;
    private readonly FakeMailItem _mailItem;
    private MessageEnvelope? _envelope;

    public MailItemGatewayTests()
    {
        _source = new RecordingEventSource(_calls);
        _mailItem = new FakeMailItem(TestMessages.Read("internal-authenticated.eml"), new FakeRecipientCollection(true, "bob@fabrikam.com", "carol@contoso.com"), _calls);
        _completion.Setup(c => c.Resume()).Callback(() => _calls.Add("resume"));
        _completion.Setup(c => c.Complete()).Callback(() => _calls.Add("complete"));
    }

    [Fact]
    public void Handle_Unchanged_ResumesFirstThenReadsAndResumesAndCompletesLast()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });

        Handle();

        Assert.Equal(new[] { "resume", "read", "process", "resume", "complete" }, _calls);
    }

    [Fact]
    public void Handle_Changed_WritesTheWholeMessageAndClosesTheStreamBeforeComplete()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Changed, Mime = new MemoryStream(_edited) });

        Handle();

        Assert.Equal(new[] { "resume", "read", "process", "write-open", "write-closed", "resume", "complete" }, _calls);
        Assert.Equal(_edited, _mailItem.Content);
        Assert.False(_mailItem.WriteStreamOpen);
    }

    [Fact]
    public void Handle_ProcessorThrows_MessageUnchangedAndCompleteStillCalledOnce()
    {
        byte[] original = _mailItem.Content;
        _processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Throws(new InvalidOperationException("rule crashed"));

        Exception? escaped = Record.Exception(Handle);

        Assert.Null(escaped);
        Assert.Same(original, _mailItem.Content);
        Assert.Equal("complete", _calls.Last());
        _completion.Verify(c => c.Complete(), Times.Once);
    }

    [Fact]
    public void Handle_SystemMessage_IsSkippedWithoutGoingAsync()
    {
        _mailItem.Message.IsSystemMessage = true;

        Handle();

        Assert.Empty(_calls);
        _completion.VerifyNoOtherCalls();
    }

    [Fact]
    public void Handle_NoRecipients_IsSkipped()
    {
        var item = new FakeMailItem(TestMessages.Read("internal-authenticated.eml"), new FakeRecipientCollection(true), _calls);

        CreateTarget().Handle(_source, item, TransportEvent.Resolved, () => _completion.Object);

        Assert.Empty(_calls);
    }

    [Fact]
    public void Handle_GoAsyncThrows_NothingEscapes()
    {
        Exception? escaped = Record.Exception(() => CreateTarget().Handle(_source, _mailItem, TransportEvent.Resolved, () => throw new InvalidOperationException("twice")));

        Assert.Null(escaped);
        Assert.Empty(_calls);
    }

    [Fact]
    public void Handle_SchedulingFails_CompletesOnTheEventThread()
    {
        var target = CreateTarget(_ => throw new InvalidOperationException("pool refused"));

        target.Handle(_source, _mailItem, TransportEvent.Resolved, () => _completion.Object);

        Assert.Equal(new[] { "resume", "complete" }, _calls);
    }

    [Fact]
    public async Task Handle_RealWorker_ResumesAndCompletesOnTheWorkerThread()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });
        int eventThread = Environment.CurrentManagedThreadId;
        var threads = new List<int>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _completion.Setup(c => c.Resume()).Callback(() => threads.Add(Environment.CurrentManagedThreadId));
        _completion.Setup(c => c.Complete()).Callback(() =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            done.SetResult();
        });

        // A dedicated thread: a pool worker could be the very thread the test awaited on, making the ids equal.
        CreateTarget(work => Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).Handle(_source, _mailItem, TransportEvent.Resolved, () => _completion.Object);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, threads.Count);
        Assert.All(threads, t => Assert.NotEqual(eventThread, t));
    }

    [Fact]
    public void Handle_Envelope_CarriesSenderRecipientsAndOriginFromHeaders()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });

        Handle();

        Assert.NotNull(_envelope);
        Assert.Equal("alice@contoso.com", _envelope.Sender);
        Assert.Equal(new[] { "bob@fabrikam.com", "carol@contoso.com" }, _envelope.Recipients);
        Assert.Equal(SubmissionOrigin.Authenticated, _envelope.Origin);
    }

    [Fact]
    public void Handle_NullReversePath_GivesEmptySender()
    {
        _mailItem.FromAddress = Microsoft.Exchange.Data.Transport.RoutingAddress.NullReversePath;
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });

        Handle();

        Assert.Equal(string.Empty, _envelope!.Sender);
    }

    [Fact]
    public void Handle_Split_ForksTheStayingRecipientsThenWrites()
    {
        Returns(new ProcessingResult
        {
            Outcome = ProcessingOutcome.Split,
            SplitRecipients = new[] { "BOB@fabrikam.com" },
            Mime = new MemoryStream(_edited),
        });

        Handle();

        Assert.Equal(new[] { "resume", "read", "process", "fork:bob@fabrikam.com", "write-open", "write-closed", "resume", "complete" }, _calls);
    }

    [Fact]
    public void Handle_SplitKeepingNobody_DoesNotFork()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Split, SplitRecipients = new[] { "nobody@nowhere.example" } });

        Handle();

        Assert.Null(_source.Forked);
    }

    [Fact]
    public void Handle_Delete_DeletesWithoutWriting()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Delete, Reason = "blocked" });

        Handle();

        Assert.Contains("delete:ExchangeRules: blocked", _calls);
        Assert.DoesNotContain("write-open", _calls);
    }

    [Fact]
    public void Handle_Defer_DefersWithTheReason()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Defer, Reason = "directory down" });

        Handle();

        Assert.Contains("defer:ExchangeRules: directory down", _calls);
        Assert.Equal(TimeSpan.FromMinutes(5), _source.DeferredFor);
    }

    [Fact]
    public void Handle_LargeMessage_IsReadIntoATemporaryFileThatIsGoneAfterTheEvent()
    {
        byte[] original = TestMessages.Read("internal-authenticated.eml");
        byte[] large = new byte[original.Length + (5 * 1024 * 1024)];
        original.CopyTo(large, 0);
        for (int i = original.Length; i < large.Length; i++)
        {
            large[i] = (byte)(i % 78 == 77 ? '\n' : 'x');
        }

        var item = new FakeMailItem(large, new FakeRecipientCollection(true, "bob@fabrikam.com"), _calls);
        string? spooled = null;
        byte[]? seen = null;
        _processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Callback<MessageEnvelope, IOrganization, Stream, CancellationToken>((_, _, mime, _) =>
            {
                spooled = Assert.IsType<FileStream>(mime).Name;
                using var copy = new MemoryStream();
                mime.CopyTo(copy);
                seen = copy.ToArray();
            })
            .Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });

        CreateTarget().Handle(_source, item, TransportEvent.Resolved, () => _completion.Object);

        Assert.Equal(large, seen);
        Assert.NotNull(spooled);
        Assert.False(File.Exists(spooled));
        Assert.Same(large, item.Content);
    }

    [Fact]
    public void Handle_ProcessorWithBufferSettings_ReadsALargerMessageIntoItsSpoolFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "exr-gateway-spool-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            byte[] original = TestMessages.Read("internal-authenticated.eml");
            _processor.As<IMessageBufferSettings>().SetupGet(s => s.InMemoryLimitBytes).Returns(original.Length - 1);
            _processor.As<IMessageBufferSettings>().SetupGet(s => s.SpoolFolder).Returns(folder);
            var item = new FakeMailItem(original, new FakeRecipientCollection(true, "bob@fabrikam.com"), _calls);
            string? spooled = null;
            _processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
                .Callback<MessageEnvelope, IOrganization, Stream, CancellationToken>((_, _, mime, _) => spooled = Assert.IsType<FileStream>(mime).Name)
                .Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });

            CreateTarget().Handle(_source, item, TransportEvent.Resolved, () => _completion.Object);

            Assert.NotNull(spooled);
            Assert.Equal(Path.GetFullPath(folder), Path.GetDirectoryName(spooled));
            Assert.Empty(System.IO.Directory.GetFiles(folder));
            Assert.Same(original, item.Content);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Handle_ProcessorWithBufferSettings_KeepsASmallerMessageInMemory()
    {
        byte[] original = TestMessages.Read("internal-authenticated.eml");
        _processor.As<IMessageBufferSettings>().SetupGet(s => s.InMemoryLimitBytes).Returns(original.Length);
        _processor.As<IMessageBufferSettings>().SetupGet(s => s.SpoolFolder).Returns(Path.Combine(Path.GetTempPath(), "exr-never-created-" + Guid.NewGuid().ToString("N")));
        var item = new FakeMailItem(original, new FakeRecipientCollection(true, "bob@fabrikam.com"), _calls);
        Stream? seen = null;
        _processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Callback<MessageEnvelope, IOrganization, Stream, CancellationToken>((_, _, mime, _) => seen = mime)
            .Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });

        CreateTarget().Handle(_source, item, TransportEvent.Resolved, () => _completion.Object);

        Assert.NotNull(seen);
        Assert.IsNotType<FileStream>(seen);
    }

    [Fact]
    public void Handle_DeferWithARetryInterval_WaitsAsLongAsTheProcessorSays()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Defer, Reason = "directory down", RetryAfter = TimeSpan.FromMinutes(17) });

        Handle();

        Assert.Equal(TimeSpan.FromMinutes(17), _source.DeferredFor);
    }

    [Fact]
    public void Handle_AddRecipientWhenAllowed_AddsItOnce()
    {
        Returns(new ProcessingResult
        {
            Outcome = ProcessingOutcome.Unchanged,
            EnvelopeChanges = new[]
            {
                new RecipientAction("Archive", FailurePolicy.FailOpen, RecipientChange.Bcc, "archive@contoso.com"),
                new RecipientAction("Archive", FailurePolicy.FailOpen, RecipientChange.Bcc, "ARCHIVE@contoso.com"),
            },
        });

        Handle();

        Assert.Equal(new[] { "bob@fabrikam.com", "carol@contoso.com", "archive@contoso.com" }, Recipients.Addresses);
    }

    [Fact]
    public void Handle_AddRecipientWhenExchangeForbidsIt_LeavesRecipientsAndDoesNotThrow()
    {
        var item = new FakeMailItem(TestMessages.Read("internal-authenticated.eml"), new FakeRecipientCollection(false, "bob@fabrikam.com"), _calls);
        Returns(new ProcessingResult
        {
            Outcome = ProcessingOutcome.Unchanged,
            EnvelopeChanges = new[] { new RecipientAction("Archive", FailurePolicy.FailOpen, RecipientChange.Bcc, "archive@contoso.com") },
        });

        CreateTarget().Handle(_source, item, TransportEvent.Resolved, () => _completion.Object);

        Assert.Equal(new[] { "bob@fabrikam.com" }, ((FakeRecipientCollection)item.Recipients).Addresses);
        Assert.Equal("complete", _calls.Last());
    }

    [Fact]
    public void Handle_Redirect_ReplacesAllRecipients()
    {
        Returns(new ProcessingResult
        {
            Outcome = ProcessingOutcome.Unchanged,
            EnvelopeChanges = new[] { new RecipientAction("Quarantine", FailurePolicy.FailOpen, RecipientChange.Redirect, "review@contoso.com") },
        });

        Handle();

        Assert.Equal(new[] { "review@contoso.com" }, Recipients.Addresses);
    }

    [Fact]
    public void Handle_InvalidAddedAddress_IsIgnored()
    {
        Returns(new ProcessingResult
        {
            Outcome = ProcessingOutcome.Unchanged,
            EnvelopeChanges = new[] { new RecipientAction("Bad", FailurePolicy.FailOpen, RecipientChange.Add, "not an address") },
        });

        Handle();

        Assert.Equal(2, Recipients.Count);
    }

    [Fact]
    public void Handle_ChangedWithoutContent_LeavesTheMessage()
    {
        Returns(new ProcessingResult { Outcome = ProcessingOutcome.Changed });

        Handle();

        Assert.DoesNotContain("write-open", _calls);
        Assert.Equal("complete", _calls.Last());
    }

    private FakeRecipientCollection Recipients => (FakeRecipientCollection)_mailItem.Recipients;

    private void Handle() => CreateTarget().Handle(_source, _mailItem, TransportEvent.Resolved, () => _completion.Object);

    private void Returns(ProcessingResult result) =>
        _processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Callback<MessageEnvelope, IOrganization, Stream, CancellationToken>((envelope, _, mime, _) =>
            {
                Assert.True(mime.CanSeek);
                Assert.Equal(0, mime.Position);
                _envelope = envelope;
                _calls.Add("process");
            })
            .Returns(result);

    // Runs the "worker" inline so the call order is deterministic.
    private MailItemGateway CreateTarget(Action<Action>? runOnWorker = null) =>
        new(_processor.Object, Mock.Of<IOrganization>(), Logger.None, runOnWorker ?? (work => work()), TimeSpan.FromMinutes(1));
}
