using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing.Tests.Support;
using ExchangeRules.Processing.Transport;
using Moq;
using Xunit;

namespace ExchangeRules.Processing.Tests.Transport;

/// <summary>The lab facts the one handler records per event when the configuration turns diagnostics on.</summary>
public sealed class TransportHandlerDiagnosticsTests
{
    private const string _message = "From: alice@contoso.com\r\nTo: bob@contoso.com\r\nMessage-ID: <1@contoso.com>\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nX-MS-Exchange-Organization-AuthAs: Internal\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nSubject: Hi\r\n\r\nHello\r\n";

    [Fact]
    public void Handle_DiagnosticsOn_RecordsTheEventTheContentTypeTnefRecipientsOutcomeAndMarker()
    {
        var processor = new Mock<IMessageProcessor>(MockBehavior.Strict);
        processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<ExchangeRules.Engine.Organization.IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });
        var diagnostics = new RecordingDiagnostics();
        var item = new FakeTransportItem(_message, "bob@contoso.com", "carol@contoso.com");

        new TransportHandler(processor.Object, new TransportHandlerOptions { Diagnostics = diagnostics })
            .Handle(item, TransportEvent.Resolved, new TransportSession(), FakeOrganization.Contoso, CancellationToken.None);

        var facts = Assert.Single(diagnostics.Facts);
        Assert.Equal("OnResolvedMessage", facts.EventName);
        Assert.Equal("<1@contoso.com>", facts.MessageId?.Trim());
        Assert.StartsWith("application/ms-tnef", facts.TopLevelContentType?.Trim());
        Assert.True(facts.ExchangeReportsTnef);
        Assert.Equal(2, facts.RecipientCount);
        Assert.Equal("Unchanged", facts.Outcome);
        Assert.False(facts.Deferred);
        Assert.False(facts.Forked);
        Assert.True(facts.MarkerPresentAfterWrite);
    }

    [Fact]
    public void Handle_AuthenticatedSubmission_RecordsTheSummaryTnefAssumptionWithTheShapeSeenAtTheEvent()
    {
        var processor = new Mock<IMessageProcessor>(MockBehavior.Strict);
        processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<ExchangeRules.Engine.Organization.IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });
        var diagnostics = new RecordingDiagnostics();

        new TransportHandler(processor.Object, new TransportHandlerOptions { Diagnostics = diagnostics })
            .Handle(new FakeTransportItem(_message, "bob@contoso.com"), TransportEvent.Resolved, new TransportSession(), FakeOrganization.Contoso, CancellationToken.None);

        var (assumption, observed) = Assert.Single(diagnostics.Assumptions);
        Assert.Equal(TransportHandler.SummaryTnefAssumption, assumption);
        Assert.Equal("OnResolvedMessage, authenticated submission: application/ms-tnef", observed);
    }

    [Fact]
    public void Handle_DiagnosticsOff_ReadsNothingExtra()
    {
        var processor = new Mock<IMessageProcessor>(MockBehavior.Strict);
        processor.Setup(p => p.Process(It.IsAny<MessageEnvelope>(), It.IsAny<ExchangeRules.Engine.Organization.IOrganization>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Returns(new ProcessingResult { Outcome = ProcessingOutcome.Unchanged });
        var diagnostics = new RecordingDiagnostics { Enabled = false };

        new TransportHandler(processor.Object, new TransportHandlerOptions { Diagnostics = diagnostics })
            .Handle(new FakeTransportItem(_message, "bob@contoso.com"), TransportEvent.Resolved, new TransportSession(), FakeOrganization.Contoso, CancellationToken.None);

        Assert.Empty(diagnostics.Facts);
    }

    private sealed class RecordingDiagnostics : ITransportDiagnostics
    {
        public List<TransportEventFacts> Facts { get; } = new();

        public bool Enabled { get; init; } = true;

        public bool IsEnabled => Enabled;

        public void Record(TransportEventFacts facts) => Facts.Add(facts);

        public List<(string Assumption, string Observed)> Assumptions { get; } = new();

        public void RecordAssumption(string assumption, string observed) => Assumptions.Add((assumption, observed));
    }
}
