using System.IO;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Harness.HybridCheck;
using ExchangeRules.Processing;
using MimeKit;

namespace ExchangeRules.Harness.Tests.Support;

/// <summary>
/// A processor that records what it was given in the message itself: one X-Test-Stamp header with the origin
/// and the first recipient's location (the transport adds the loop marker); a message that already carries the
/// marker is left alone, so the delivered bytes show how often and as what each crossing saw the message.
/// </summary>
internal sealed class StampingProcessor : IMessageProcessor
{
    public const string StampHeader = "X-Test-Stamp";

    public ProcessingResult Process(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken)
    {
        var message = MimeMessage.Load(mime, cancellationToken);
        if (message.Headers.Contains(HybridChecker.DefaultMarkerHeader))
        {
            return new ProcessingResult { Outcome = ProcessingOutcome.Unchanged, Reason = "already processed" };
        }

        message.Headers.Add(StampHeader, $"{envelope.Origin}; {organization.Locate(envelope.Recipients[0])}");
        var output = new MemoryStream();
        message.WriteTo(output, cancellationToken);
        output.Position = 0;
        return new ProcessingResult { Outcome = ProcessingOutcome.Changed, Mime = output };
    }
}
