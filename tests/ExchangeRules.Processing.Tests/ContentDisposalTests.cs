using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing.Tests.Support;
using Serilog;
using Xunit;

namespace ExchangeRules.Processing.Tests;

/// <summary>
/// The processor disposes the content the editor read once the message is handled: MimeKit's model of a message has
/// finalizers, and one left undisposed survives the next collection with everything it refers to.
/// </summary>
public sealed class ContentDisposalTests
{
    private readonly DisposalTrackingEditor _editor = new();

    [Fact]
    public void Process_MessageEdited_DisposesTheContentOnceAfterTheEdit()
    {
        var result = Process(FakePlan.AllRecipients(Some.Disclaimer()));

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.False(_editor.DisposedBeforeApply);
        Assert.Equal(1, _editor.Content!.Disposals);
    }

    [Fact]
    public void Process_NoRuleApplies_StillDisposesTheContent()
    {
        var result = Process(FakePlan.AllRecipients());

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Equal(1, _editor.Content!.Disposals);
    }

    [Fact]
    public void Process_EditorThrows_StillDisposesTheContent()
    {
        _editor.Inner.Throws = _ => true;

        var result = Process(FakePlan.AllRecipients(Some.Disclaimer()));

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Equal(1, _editor.Content!.Disposals);
    }

    private ProcessingResult Process(FakePlan plan)
    {
        var processor = new MessageProcessor(() => plan, _editor, null, ProcessingOptions.Default, new LoggerConfiguration().CreateLogger());
        var result = processor.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);
        result.Mime?.Dispose();
        return result;
    }

    /// <summary>The fake editor, whose content counts its disposals.</summary>
    private sealed class DisposalTrackingEditor : IMessageEditor
    {
        public FakeEditor Inner { get; } = new();

        public DisposableContent? Content { get; private set; }

        public bool DisposedBeforeApply { get; private set; }

        public IMessageContent Read(Stream mime, SubmissionOrigin origin) => Content = new DisposableContent(Inner.Read(mime, origin));

        public EditResult Apply(IMessageContent message, IReadOnlyList<PlannedAction> actions, Stream destination)
        {
            DisposedBeforeApply |= Content!.Disposals > 0;
            return Inner.Apply(message, actions, destination);
        }
    }

    private sealed class DisposableContent : IMessageContent, IDisposable
    {
        private readonly IMessageContent _inner;

        public DisposableContent(IMessageContent inner)
        {
            _inner = inner;
        }

        public int Disposals { get; private set; }

        public string Subject => _inner.Subject;

        public long Size => _inner.Size;

        public MessageTraits Traits => _inner.Traits;

        public IReadOnlyList<string> GetHeaderValues(string name) => _inner.GetHeaderValues(name);

        public IReadOnlyList<string> GetHeaderAddresses(string headerName) => _inner.GetHeaderAddresses(headerName);

        public string GetBodyText() => _inner.GetBodyText();

        public string GetNewestPartText() => _inner.GetNewestPartText();

        public IReadOnlyList<AttachmentInfo> GetAttachments() => _inner.GetAttachments();

        public void Dispose() => Disposals++;
    }
}
