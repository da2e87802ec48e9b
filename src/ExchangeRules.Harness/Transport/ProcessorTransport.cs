using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// On-premises transport that calls an <see cref="IMessageProcessor"/> directly, the way the agent does inside
/// Exchange, without the Exchange runtime classes: fast in-process runs for tests and the CLI. A split becomes
/// a new item processed again on its own (Exchange's Fork); a deferral retries with the original content.
/// Like the agent it skips an item that carries a trusted <see cref="ProcessedMarker"/> and writes the marker on
/// every item it processed.
/// </summary>
public sealed class ProcessorTransport : IOnPremisesTransport
{
    private readonly IMessageProcessor _processor;
    private readonly int _maxDeferrals;

    /// <summary>Creates the transport.</summary>
    /// <param name="processor">The processor the agent would call.</param>
    /// <param name="maxDeferrals">How many immediate retries a deferred item gets before it stays queued.</param>
    public ProcessorTransport(IMessageProcessor processor, int maxDeferrals = 2)
    {
        _processor = processor ?? throw new ArgumentNullException(nameof(processor));
        _maxDeferrals = maxDeferrals;
    }

    /// <inheritdoc />
    public TransportRun Run(TransportItem item, OrganizationModel organization, CancellationToken cancellationToken)
    {
        if (item is null)
        {
            throw new ArgumentNullException(nameof(item));
        }

        var delivered = new List<TransportItem>();
        var queued = new List<TransportItem>();
        var events = new List<string>();
        var applied = new List<string>();
        var pending = new Queue<(TransportItem Item, int Deferrals)>();
        pending.Enqueue((item, 0));
        while (pending.Count > 0)
        {
            var (current, deferrals) = pending.Dequeue();
            ProcessOne(current, deferrals, organization, delivered, queued, events, applied, pending, cancellationToken);
        }

        return new TransportRun(delivered, queued, events, agentRan: true, applied);
    }

    private void ProcessOne(
        TransportItem item,
        int deferrals,
        OrganizationModel organization,
        List<TransportItem> delivered,
        List<TransportItem> queued,
        List<string> events,
        List<string> applied,
        Queue<(TransportItem Item, int Deferrals)> pending,
        CancellationToken cancellationToken)
    {
        var headers = HeaderBlock.Read(item.Mime);
        var origin = ExchangeHeaders.ClassifyOrigin(headers);
        if (headers.Contains(ProcessedMarker.Name) && ProcessedMarker.IsTrusted(origin))
        {
            events.Add($"seen as {origin}: {ProcessedMarker.Name} from an earlier crossing, not processed again");
            delivered.Add(item);
            return;
        }

        var envelope = new MessageEnvelope(item.Sender, item.Recipients, origin);
        ProcessingResult result;
        try
        {
            using var mime = new MemoryStream(item.Mime, writable: false);
            result = _processor.Process(envelope, organization, mime, cancellationToken);
        }
#pragma warning disable CA1031 // Exchange would crash here; the harness records the crash and keeps the message.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            events.Add($"CRASH: {ex.GetType().Name} escaped the processor ({ex.Message}); EdgeTransport.exe would stop and the message would go to the poison queue");
            queued.Add(item);
            return;
        }

        var why = string.IsNullOrEmpty(result.Reason) ? string.Empty : $" ({result.Reason})";
        var rules = FiredRules(result);
        foreach (var rule in result.Trace?.Rules.Where(r => r.Applied).Select(r => r.RuleName) ?? Enumerable.Empty<string>())
        {
            if (!applied.Contains(rule, StringComparer.Ordinal))
            {
                applied.Add(rule);
            }
        }

        switch (result.Outcome)
        {
            case ProcessingOutcome.Changed:
                events.Add($"processed as {origin}: changed{rules}{why}");
                delivered.Add(ApplyEnvelope(item.With(item.Recipients, MarkResult(result.Mime, item.Mime, organization)), result.EnvelopeChanges));
                break;
            case ProcessingOutcome.Split:
                var keep = item.Recipients.Where(r => result.SplitRecipients.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
                var rest = item.Recipients.Where(r => !keep.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
                events.Add($"processed as {origin}: fork, {keep.Count} recipient(s) stay, {rest.Count} go to a new item{rules}{why}");
                if (rest.Count > 0)
                {
                    pending.Enqueue((item.With(rest), 0));
                }

                if (keep.Count > 0)
                {
                    delivered.Add(ApplyEnvelope(item.With(keep, MarkResult(result.Mime, item.Mime, organization)), result.EnvelopeChanges));
                }
                else
                {
                    // Nobody stays on this item: its edited copy goes nowhere, and its pooled buffer goes back.
                    result.Mime?.Dispose();
                }

                break;
            case ProcessingOutcome.Delete:
                events.Add($"processed as {origin}: deleted{rules}{why}");
                break;
            case ProcessingOutcome.Reject:
                events.Add($"processed as {origin}: rejected, a non-delivery report goes to the sender{why}");
                break;
            case ProcessingOutcome.Defer:
                if (deferrals < _maxDeferrals)
                {
                    events.Add($"processed as {origin}: deferred, retrying with the original content{why}");
                    pending.Enqueue((item, deferrals + 1));
                }
                else
                {
                    events.Add($"processed as {origin}: deferred {deferrals + 1} times; the message stays in the queue{why}");
                    queued.Add(item);
                }

                break;
            default:
                events.Add($"processed as {origin}: unchanged{why}");
                delivered.Add(item.With(item.Recipients, Mark(item.Mime, organization)));
                break;
        }
    }

    /// <summary>The processed marker, replacing any untrusted one that came with the message; only the header block is rewritten.</summary>
    internal static byte[] Mark(byte[] mime, OrganizationModel organization) =>
        Mark(new ArraySegment<byte>(mime ?? throw new ArgumentNullException(nameof(mime))), organization);

    /// <summary>
    /// The processor's edited message, or the original when it returned none, with the processed marker; disposes
    /// the edited stream. The edited bytes are marked where they lie in the processor's buffer, so the message is
    /// copied once, into the item's final array.
    /// </summary>
    internal static byte[] MarkResult(Stream? edited, byte[] original, OrganizationModel organization)
    {
        if (edited is null)
        {
            return Mark(original, organization);
        }

        using (edited)
        {
            return Mark(ContentsOf(edited), organization);
        }
    }

    private static byte[] Mark(ArraySegment<byte> mime, OrganizationModel organization) =>
        HeaderBlock.Edit(mime, headers =>
        {
            headers.RemoveAll(ProcessedMarker.Name);
            headers.Add(ProcessedMarker.Name, ProcessedMarker.ValueFor(organization.Server));
        });

    /// <summary>Every byte of the stream from its start: the buffer itself for an in-memory stream, else a copy.</summary>
    private static ArraySegment<byte> ContentsOf(Stream stream)
    {
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var buffer))
        {
            return buffer;
        }

        // A message the processor spooled to a file (over its in-memory limit).
        var bytes = new byte[stream.Length];
        stream.Position = 0;
        var read = 0;
        while (read < bytes.Length)
        {
            var count = stream.Read(bytes, read, bytes.Length - read);
            if (count == 0)
            {
                throw new EndOfStreamException($"The edited message ended after {read} of its {bytes.Length} bytes.");
            }

            read += count;
        }

        return new ArraySegment<byte>(bytes);
    }

    private static string FiredRules(ProcessingResult result)
    {
        var fired = result.Trace?.Rules.Where(r => r.Applied).Select(r => r.RuleName).ToList();
        return fired is { Count: > 0 } ? " by rule(s) " + string.Join(", ", fired) : string.Empty;
    }

    private static TransportItem ApplyEnvelope(TransportItem item, IReadOnlyList<RecipientAction> changes)
    {
        var recipients = item.Recipients.ToList();
        foreach (var change in changes)
        {
            if (change.Change == RecipientChange.Redirect)
            {
                recipients = new List<string> { change.Address };
            }
            else if (!recipients.Contains(change.Address, StringComparer.OrdinalIgnoreCase))
            {
                recipients.Add(change.Address);
            }
        }

        return item.With(recipients);
    }
}
