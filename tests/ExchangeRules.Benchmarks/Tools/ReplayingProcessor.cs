using System;
using System.IO;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;

namespace ExchangeRules.Benchmarks.Tools;

/// <summary>
/// A processor that answers every message with results recorded once from the real one (the stamped content, its
/// trace; at OnSubmittedMessage the recipient probe's result), doing no work itself: the transport handler and the
/// pipeline around it, timed alone, are what the agent path costs outside the processor.
/// </summary>
internal sealed class ReplayingProcessor : IMessageProcessor, IRecipientChangeProbe
{
    private readonly ProcessingResult _processed;
    private readonly byte[]? _stamped;
    private readonly ProcessingResult _probed;

    public ReplayingProcessor(MessageProcessor real, MessageEnvelope envelope, IOrganization organization, byte[] mime)
    {
        ArgumentNullException.ThrowIfNull(real);
        using (var input = new MemoryStream(mime, writable: false))
        {
            var result = real.Process(envelope, organization, input, CancellationToken.None);
            using var edited = result.Mime;
            if (edited is not null)
            {
                using var copy = new MemoryStream();
                edited.Position = 0;
                edited.CopyTo(copy);
                _stamped = copy.ToArray();
            }

            _processed = result;
        }

        using (var input = new MemoryStream(mime, writable: false))
        {
            _probed = real.ProcessRecipientChanges(envelope, organization, input, CancellationToken.None);
        }

        MayChangeRecipients = real.MayChangeRecipients;
    }

    public bool MayChangeRecipients { get; }

    public ProcessingResult Process(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken) =>
        new()
        {
            Outcome = _processed.Outcome,
            Mime = _stamped is null ? null : new MemoryStream(_stamped, writable: false),
            SplitRecipients = _processed.SplitRecipients,
            EnvelopeChanges = _processed.EnvelopeChanges,
            Reason = _processed.Reason,
            RetryAfter = _processed.RetryAfter,
            Trace = _processed.Trace,
            ActionOutcomes = _processed.ActionOutcomes,
        };

    public ProcessingResult ProcessRecipientChanges(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken) => _probed;
}
