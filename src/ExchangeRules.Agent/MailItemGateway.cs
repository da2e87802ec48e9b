using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;
using Microsoft.Exchange.Data.Mime;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using Microsoft.Exchange.Data.Transport.Smtp;
using Serilog;
using MimeHeaderList = MimeKit.HeaderList;

namespace ExchangeRules.Agent;

/// <summary>
/// The one class that knows Exchange's contract for a routing agent event. It
/// <list type="bullet">
/// <item>skips system messages (read-only), items without recipients and items that already carry a trusted
/// processed marker (<see cref="ProcessedMarker"/>: our organisation processed them on an earlier crossing),
/// synchronously;</item>
/// <item>otherwise goes asynchronous: on the worker thread calls Resume first, and Resume then Complete last, always;</item>
/// <item>reads the MIME through <see cref="MailItem.GetMimeReadStream"/> into a seekable buffer;</item>
/// <item>writes a changed message fully through <see cref="MailItem.GetMimeWriteStream"/> and closes it before
/// the event ends (an open write stream makes Exchange restore the old MIME and clear all recipients);</item>
/// <item>writes the processed marker on every item it processed, through Exchange's header API
/// (<c>Message.RootPart.Headers</c>), so the message itself is not rewritten for it;</item>
/// <item>lets no exception escape (one would crash EdgeTransport.exe and can poison the message).</item>
/// </list>
/// It makes no decision about the message: that is the processor's.
/// </summary>
internal sealed class MailItemGateway
{
    // Used only when the processor does not say how long to wait (its configuration sets deferRetryMinutes).
    private static readonly TimeSpan _defaultDeferInterval = TimeSpan.FromMinutes(5);

    // Larger messages are copied to a temporary file instead of memory, so their attachments never sit in
    // the Transport service's memory (the processor spools large edited messages the same way). A processor with a
    // configuration (IMessageBufferSettings) sets the limit and the folder instead.
    private const long _defaultInMemoryReadLimitBytes = 4L * 1024 * 1024;

    private readonly IMessageProcessor _processor;
    private readonly IOrganization _organization;
    private readonly ILogger _log;
    private readonly Action<Action> _runOnWorker;
    private readonly TimeSpan _processingBudget;
    private readonly string _markerValue;

    /// <param name="processor">Evaluates and edits the message.</param>
    /// <param name="organization">The organisation model for the processor.</param>
    /// <param name="log">Where the gateway reports what it skipped or could not do.</param>
    /// <param name="runOnWorker">Runs the work on another thread (the thread pool in production).</param>
    /// <param name="processingBudget">How long the processor may take before it is cancelled.</param>
    /// <param name="serverName">The FQDN of this server, written as the processed marker's value.</param>
    internal MailItemGateway(IMessageProcessor processor, IOrganization organization, ILogger log, Action<Action> runOnWorker, TimeSpan processingBudget, string? serverName = null)
    {
        _markerValue = ProcessedMarker.ValueFor(serverName);
        _processor = processor ?? throw new ArgumentNullException(nameof(processor));
        _organization = organization ?? throw new ArgumentNullException(nameof(organization));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _runOnWorker = runOnWorker ?? throw new ArgumentNullException(nameof(runOnWorker));
        _processingBudget = processingBudget;
    }

    /// <summary>Handles one event. Never throws.</summary>
    /// <param name="source">The event source (fork, defer, delete).</param>
    /// <param name="mailItem">The mail item of the event.</param>
    /// <param name="goAsync">Switches the event to asynchronous handling (<c>GetAgentAsyncContext</c>).</param>
    internal void Handle(QueuedMessageEventSource source, MailItem mailItem, Func<IAsyncCompletion> goAsync)
    {
        IAsyncCompletion? completion = null;
        bool scheduled = false;
        try
        {
            if (!ShouldProcess(mailItem))
            {
                return;
            }

            completion = goAsync();
            IAsyncCompletion worker = completion;
            _runOnWorker(() => ProcessOnWorker(source, mailItem, worker));
            scheduled = true;
        }
        catch (Exception ex)
        {
            _log.Error(ex, "The message was left unchanged: the agent failed before processing it.");
        }
        finally
        {
            if (completion is not null && !scheduled)
            {
                CompleteSafely(completion);
            }
        }
    }

    /// <summary>The worker side of <see cref="Handle"/>: Resume first; Resume and Complete last, always.</summary>
    internal void ProcessOnWorker(QueuedMessageEventSource source, MailItem mailItem, IAsyncCompletion completion)
    {
        try
        {
            completion.Resume();
            Process(source, mailItem);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "The message was left unchanged: processing failed.");
        }
        finally
        {
            CompleteSafely(completion);
        }
    }

    /// <summary>Reads, processes and applies the result, on the current thread. Exceptions reach the caller.</summary>
    internal void Process(QueuedMessageEventSource source, MailItem mailItem)
    {
        using Stream? mime = ReadMime(mailItem);
        if (mime is null)
        {
            _log.Warning("The message was left unchanged: Exchange does not expose its content.");
            return;
        }

        MessageEnvelope envelope = BuildEnvelope(mailItem, mime);
        ProcessingResult result;
        using (var budget = new CancellationTokenSource(_processingBudget))
        {
            result = _processor.Process(envelope, _organization, mime, budget.Token);
        }

        using (result.Mime)
        {
            Apply(source, mailItem, result);
        }

        // After Delete or Defer Exchange forbids touching the item (and Defer reverts its content anyway).
        if (result.Outcome is ProcessingOutcome.Unchanged or ProcessingOutcome.Changed or ProcessingOutcome.Split)
        {
            MarkProcessed(mailItem);
        }
    }

    private bool ShouldProcess(MailItem mailItem)
    {
        if (mailItem.Message?.IsSystemMessage == true)
        {
            _log.Debug("Skipped a system message: Exchange makes it read-only.");
            return false;
        }

        if (mailItem.Recipients is null || mailItem.Recipients.Count == 0)
        {
            _log.Debug("Skipped a message without recipients (another agent removed them).");
            return false;
        }

        if (CarriesTrustedMarker(mailItem.Message?.RootPart?.Headers))
        {
            _log.Debug("Skipped a message our organisation already processed ({Marker} on mail that entered authenticated or over the hybrid connector).", ProcessedMarker.Name);
            return false;
        }

        return true;
    }

    /// <summary>Whether the headers carry the processed marker on a message whose origin makes it trustworthy.</summary>
    internal static bool CarriesTrustedMarker(HeaderList? headers)
    {
        if (headers?.FindFirst(ProcessedMarker.Name) is null)
        {
            return false;
        }

        SubmissionOrigin origin = SubmissionOriginClassifier.Classify(new SubmissionAuthentication(
            headers.FindFirst(OrganizationHeaders.AuthAs)?.Value,
            headers.FindFirst(OrganizationHeaders.AuthSource)?.Value,
            headers.FindFirst(OrganizationHeaders.AuthMechanism)?.Value));
        return ProcessedMarker.IsTrusted(origin);
    }

    /// <summary>
    /// Writes the processed marker as a top-level header through Exchange's header API: cheap (no MIME rewrite).
    /// A marker that came with the message is replaced: it reached this point only because it was not trusted.
    /// </summary>
    private void MarkProcessed(MailItem mailItem)
    {
        HeaderList? headers = mailItem.Message?.RootPart?.Headers;
        if (headers is null)
        {
            _log.Warning("Could not write {Marker}: Exchange exposes no headers for this message; an Exchange Online redirect rule may send it back.", ProcessedMarker.Name);
            return;
        }

        headers.RemoveAll(ProcessedMarker.Name);
        headers.AppendChild(new TextHeader(ProcessedMarker.Name, _markerValue));
    }

    private Stream? ReadMime(MailItem mailItem)
    {
        using Stream? read = mailItem.GetMimeReadStream();
        if (read is null)
        {
            return null;
        }

        long length = mailItem.MimeStreamLength;
        var settings = _processor as IMessageBufferSettings;
        Stream buffer = MessageBuffer.Create(length, settings?.InMemoryLimitBytes ?? _defaultInMemoryReadLimitBytes, settings?.SpoolFolder, out Exception? spoolFailure);
        if (spoolFailure is not null)
        {
            _log.Warning(spoolFailure, "Could not spool a message of {Bytes} bytes to a temporary file in {SpoolFolder}; reading it into memory instead", length, settings?.SpoolFolder ?? Path.GetTempPath());
        }

        try
        {
            read.CopyTo(buffer);
            buffer.Position = 0;
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static MessageEnvelope BuildEnvelope(MailItem mailItem, Stream mime)
    {
        RoutingAddress from = mailItem.FromAddress;
        string sender = from == RoutingAddress.NullReversePath ? string.Empty : from.ToString();
        string[] recipients = mailItem.Recipients.Select(r => r.Address.ToString()).ToArray();

        MimeHeaderList headers = MimeHeaderList.Load(mime);
        mime.Position = 0;
        SubmissionOrigin origin = SubmissionOriginClassifier.Classify(new SubmissionAuthentication(
            headers[OrganizationHeaders.AuthAs],
            headers[OrganizationHeaders.AuthSource],
            headers[OrganizationHeaders.AuthMechanism]));

        // DateTimeReceived lets the processor give up on a message a fail-closed rule has kept deferred too long.
        return new MessageEnvelope(sender, recipients, origin, new DateTimeOffset(DateTime.SpecifyKind(mailItem.DateTimeReceived, DateTimeKind.Utc)));
    }

    private void Apply(QueuedMessageEventSource source, MailItem mailItem, ProcessingResult result)
    {
        switch (result.Outcome)
        {
            case ProcessingOutcome.Unchanged:
                ApplyEnvelopeChanges(mailItem, result.EnvelopeChanges);
                break;
            case ProcessingOutcome.Changed:
                WriteMime(mailItem, result.Mime);
                ApplyEnvelopeChanges(mailItem, result.EnvelopeChanges);
                break;
            case ProcessingOutcome.Split:
                Fork(source, mailItem, result.SplitRecipients);
                if (result.Mime is not null)
                {
                    WriteMime(mailItem, result.Mime);
                }

                ApplyEnvelopeChanges(mailItem, result.EnvelopeChanges);
                break;
            case ProcessingOutcome.Delete:
                source.Delete("ExchangeRules: " + result.Reason);
                break;
            case ProcessingOutcome.Defer:
                TimeSpan retryAfter = result.RetryAfter > TimeSpan.Zero ? result.RetryAfter : _defaultDeferInterval;
                _log.Warning("Deferred the message for {DeferInterval}: {Reason}", retryAfter, result.Reason);
                source.Defer(retryAfter, "ExchangeRules: " + result.Reason);
                break;
            case ProcessingOutcome.Reject:
                Reject(mailItem, result.Reason);
                break;
            default:
                _log.Error("The message was left unchanged: unknown processing outcome {Outcome}.", result.Outcome);
                break;
        }
    }

    /// <summary>
    /// Fails every recipient with a non-delivery report to the sender (EnvelopeRecipientCollection.Remove with
    /// DsnType.Failure, docs aa579181): a required rule kept failing past the maximum deferral.
    /// </summary>
    private void Reject(MailItem mailItem, string reason)
    {
        _log.Error("Rejected the message with a non-delivery report: {Reason}", reason);
        var response = new SmtpResponse("550", "5.3.0", reason);
        foreach (EnvelopeRecipient recipient in mailItem.Recipients.ToList())
        {
            mailItem.Recipients.Remove(recipient, DsnType.Failure, response);
        }
    }

    private void WriteMime(MailItem mailItem, Stream? mime)
    {
        if (mime is null)
        {
            _log.Error("The message was left unchanged: the processor reported a change without content.");
            return;
        }

        mime.Position = 0;

        // Disposing closes Exchange's write stream before the event ends, which commits the new content.
        using Stream write = mailItem.GetMimeWriteStream();
        mime.CopyTo(write);
    }

    private void Fork(QueuedMessageEventSource source, MailItem mailItem, IReadOnlyList<string> stay)
    {
        var staying = new HashSet<string>(stay, StringComparer.OrdinalIgnoreCase);
        List<EnvelopeRecipient> kept = mailItem.Recipients.Where(r => staying.Contains(r.Address.ToString())).ToList();
        if (kept.Count == 0)
        {
            _log.Error("Did not split the message: none of the recipients to keep ({Recipients}) is on it.", string.Join(", ", stay));
            return;
        }

        if (kept.Count < mailItem.Recipients.Count)
        {
            source.Fork(kept);
        }
    }

    private void ApplyEnvelopeChanges(MailItem mailItem, IReadOnlyList<RecipientAction> changes)
    {
        EnvelopeRecipientCollection recipients = mailItem.Recipients;
        foreach (RecipientAction change in changes)
        {
            var address = new RoutingAddress(change.Address);
            if (!address.IsValid || address == RoutingAddress.NullReversePath)
            {
                _log.Error("Rule {Rule}: did not add recipient '{Address}': not a valid SMTP address.", change.RuleName, change.Address);
                continue;
            }

            // Exchange accepts new recipients only in OnSubmittedMessage.
            if (!recipients.CanAdd)
            {
                _log.Error("Rule {Rule}: did not {Change} '{Address}': Exchange allows recipient changes only when the message is submitted.", change.RuleName, change.Change, change.Address);
                continue;
            }

            if (change.Change == RecipientChange.Redirect)
            {
                foreach (EnvelopeRecipient other in recipients.Where(r => r.Address != address).ToList())
                {
                    recipients.Remove(other);
                }
            }

            if (!recipients.Contains(address))
            {
                recipients.Add(address);
            }
        }
    }

    private void CompleteSafely(IAsyncCompletion completion)
    {
        try
        {
            // Resume right before Complete on the same thread: Exchange logs event 1057 otherwise (DkimSigner PR #208).
            completion.Resume();
        }
        catch (Exception ex)
        {
            _log.Error(ex, "AgentAsyncContext.Resume failed before Complete.");
        }

        try
        {
            completion.Complete();
        }
        catch (Exception ex)
        {
            _log.Error(ex, "AgentAsyncContext.Complete failed.");
        }
    }
}
