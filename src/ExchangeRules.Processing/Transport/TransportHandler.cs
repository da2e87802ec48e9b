using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Mime;
using ExchangeRules.Processing.Logging;
using MimeKit;
using Serilog;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// The one place that decides what happens to a mail item in an on-premises transport event, for every host: the
/// Exchange agent, the harness and <c>exrules apply</c> only supply <see cref="ITransportItem"/> primitives.
/// <list type="bullet">
/// <item><b>OnSubmittedMessage</b> (recipients as submitted; the only event where Exchange lets recipients be added):
/// evaluates only the rules that can change recipients (<see cref="IRecipientChangeProbe.ProcessRecipientChanges"/>;
/// nothing at all when no rule in force does) and applies only their add, BCC and redirect actions (and a deferral).
/// Nothing else: groups are not expanded yet.</item>
/// <item><b>OnResolvedMessage</b> (groups expanded by the categorizer): evaluates the message for its resolved
/// recipients and applies everything — content edits, per-recipient splits (<c>Fork</c>: this item keeps one copy's
/// recipients), delete, defer — and writes the processed marker.</item>
/// <item><b>OnRoutedMessage</b>: handles a clone forked off at an earlier event (Exchange hands it to the same agent
/// instance here); the item that was handled at OnResolvedMessage is not handled again (<see cref="TransportSession"/>).</item>
/// </list>
/// In every event: system messages, items without recipients and items with a trusted
/// <see cref="ProcessedMarker"/> are skipped; edited content, with the marker inside it, is complete before the
/// host's write starts, and a write that fails defers the item (the host restores the original); our own
/// <c>X-ExchangeRules-*</c> headers never leave the organisation (an item for external recipients only carries none,
/// and a mixed item whose content names our rules is forked so the external copy can be written without them).
/// Never throws: a failure leaves the item as it was and is logged.
/// </summary>
/// <threadsafety>Safe for concurrent use; per-item state lives in the <see cref="TransportSession"/>.</threadsafety>
public sealed class TransportHandler
{
    /// <summary>The prefix of every header this product writes.</summary>
    public const string OwnHeaderPrefix = "X-ExchangeRules-";

    private static readonly KeyValuePair<string, string>[] _nothingToAdd = Array.Empty<KeyValuePair<string, string>>();

    private readonly IMessageProcessor _processor;
    private readonly TransportHandlerOptions _options;
    private readonly ILogger _log;

    /// <summary>Creates the handler.</summary>
    public TransportHandler(IMessageProcessor processor, TransportHandlerOptions options)
    {
        _processor = processor ?? throw new ArgumentNullException(nameof(processor));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _log = options.Logger;
    }

    /// <summary>The organisation key the marker is signed with, if any.</summary>
    public OrganizationKey? OrganizationKey => _options.OrganizationKey;

    /// <summary>
    /// A handler for <paramref name="processor"/> with the settings of its configuration: the organisation key
    /// (<see cref="IOrganizationKeySource"/>), the buffering limits (<see cref="IMessageBufferSettings"/>).
    /// </summary>
    public static TransportHandler For(IMessageProcessor processor, ILogger logger, TimeSpan? deferInterval = null)
    {
        var buffer = processor as IMessageBufferSettings;
        var defaults = new TransportHandlerOptions();
        return new TransportHandler(processor, new TransportHandlerOptions
        {
            OrganizationKey = (processor as IOrganizationKeySource)?.OrganizationKey,
            InMemoryLimitBytes = buffer?.InMemoryLimitBytes ?? defaults.InMemoryLimitBytes,
            SpoolFolder = buffer?.SpoolFolder,
            DefaultDeferInterval = deferInterval ?? defaults.DefaultDeferInterval,
            Logger = logger ?? throw new ArgumentNullException(nameof(logger)),
            Diagnostics = (processor as IAgentLogging)?.Diagnostics ?? TransportDiagnostics.Off,
        });
    }

    /// <summary>Whether <paramref name="headerName"/> is one of ours (<c>X-ExchangeRules-*</c>).</summary>
    public static bool IsOwnHeader(string headerName) =>
        headerName is not null && headerName.StartsWith(OwnHeaderPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the handler acts on this item in this event, decided without reading the content, so a host can skip
    /// it synchronously (the agent then does not go asynchronous).
    /// </summary>
    public bool WantsEvent(ITransportItem item, TransportEvent transportEvent, TransportSession session) =>
        WhyNot(item, transportEvent, session) is null;

    /// <summary>Handles one event for one item. Never throws.</summary>
    /// <param name="item">The item, as the host exposes it.</param>
    /// <param name="transportEvent">The event being raised.</param>
    /// <param name="session">The state of this item and its clones across events (one per agent instance).</param>
    /// <param name="organization">The organisation model the processor uses.</param>
    /// <param name="cancellationToken">Cancels processing.</param>
    public TransportHandling Handle(ITransportItem item, TransportEvent transportEvent, TransportSession session, IOrganization organization, CancellationToken cancellationToken)
    {
        if (item is null)
        {
            throw new ArgumentNullException(nameof(item));
        }

        if (session is null)
        {
            throw new ArgumentNullException(nameof(session));
        }

        if (organization is null)
        {
            throw new ArgumentNullException(nameof(organization));
        }

        try
        {
            var started = DateTime.UtcNow;
            var why = WhyNot(item, transportEvent, session);
            var handling = why is null
                ? new Run(this, item, transportEvent, session, organization).Execute(cancellationToken)
                : Skipped(transportEvent, SubmissionOrigin.Unknown, item, why);
            if (why is not null)
            {
                _log.Debug("Skipped the message in {Event}: {Reason}", transportEvent, why);
            }

            if (_options.Diagnostics.IsEnabled)
            {
                RecordDiagnostics(item, handling, DateTime.UtcNow - started);
            }

            return handling;
        }
#pragma warning disable CA1031 // A host must never see an exception: the item stays as it was.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _log.Error(exception, "The message was left unchanged in {Event}: handling it failed", transportEvent);
            return new TransportHandling { Event = transportEvent, Disposition = TransportDisposition.Skipped, Reason = "handling failed: " + exception.Message, Notes = new[] { exception.GetType().Name + ": " + exception.Message } };
        }
    }

    /// <summary>
    /// The lab facts of one event (issue #17): what Exchange handed over (top-level content type, TNEF, recipients)
    /// and what the handler did (fork, defer, write, marker after the write). Read only when diagnostics are on.
    /// </summary>
    private void RecordDiagnostics(ITransportItem item, TransportHandling handling, TimeSpan elapsed)
    {
        string? contentType = null;
        string? messageId = null;
        bool? markerAfter = null;
        if (handling.Disposition is not (TransportDisposition.Deferred or TransportDisposition.Deleted or TransportDisposition.Rejected))
        {
            using var content = item.OpenContent();
            if (content is not null)
            {
                var headers = HeaderList.Load(content);
                contentType = headers[HeaderId.ContentType];
                messageId = headers[HeaderId.MessageId];
                markerAfter = headers.Contains(ProcessedMarker.Name);
            }
        }

        _options.Diagnostics.Record(new TransportEventFacts
        {
            EventName = "On" + handling.Event + "Message",
            MessageId = messageId,
            TopLevelContentType = contentType,
            ExchangeReportsTnef = contentType is null ? null : contentType.TrimStart().StartsWith("application/ms-tnef", StringComparison.OrdinalIgnoreCase),
            RecipientCount = item.Recipients.Count,
            Outcome = handling.Result?.Outcome.ToString() ?? handling.Disposition.ToString(),
            Forked = handling.ForkedOff.Count > 0,
            Deferred = handling.Disposition == TransportDisposition.Deferred,
            ContentWritten = handling.ContentWritten,
            MarkerPresentAfterWrite = markerAfter,
            Elapsed = elapsed,
        });

        // No Microsoft page says in which shape a mailbox's mail reaches each agent event (docs/architecture.md, "TNEF"):
        // the lab sees, once per event and top-level type, what authenticated submissions looked like.
        if (handling.Origin == SubmissionOrigin.Authenticated && contentType is not null)
        {
            var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
            _options.Diagnostics.RecordAssumption(
                SummaryTnefAssumption,
                $"On{handling.Event}Message, authenticated submission: {mediaType}");
        }
    }

    /// <summary>The assumption the lab confirms with event 1101 (docs/install.md, "Lab checklist").</summary>
    internal const string SummaryTnefAssumption =
        "mail sent from Outlook/OWA reaches the agent's events as Summary TNEF (application/ms-tnef); content conversion to MIME for external recipients comes after them";

    private string? WhyNot(ITransportItem item, TransportEvent transportEvent, TransportSession session)
    {
        if (transportEvent == TransportEvent.Categorized)
        {
            return "the handler does not act in OnCategorizedMessage";
        }

        if (item.IsSystemMessage)
        {
            return "a system message (Exchange makes it read-only)";
        }

        var recipients = item.Recipients;
        if (recipients.Count == 0)
        {
            return "no recipients (another agent removed them)";
        }

        if (transportEvent == TransportEvent.Submitted)
        {
            if (!item.CanAddRecipients)
            {
                return "recipients cannot be added here";
            }

            return (_processor as IRecipientChangeProbe)?.MayChangeRecipients == false
                ? "no rule in force changes recipients; the message is processed once its recipients are resolved"
                : null;
        }

        return session.IsHandled(recipients) ? $"already handled for these recipients in an earlier event of this agent" : null;
    }

    private static TransportHandling Skipped(TransportEvent transportEvent, SubmissionOrigin origin, ITransportItem item, string reason, bool marked = false) => new()
    {
        Event = transportEvent,
        Disposition = TransportDisposition.Skipped,
        Origin = origin,
        Recipients = item.Recipients.ToList(),
        Reason = reason,
        Marked = marked,
    };

    /// <summary>The handling of one item in one event.</summary>
    private sealed class Run
    {
        private readonly TransportHandler _owner;
        private readonly ITransportItem _item;
        private readonly TransportEvent _event;
        private readonly TransportSession _session;
        private readonly IOrganization _organization;
        private readonly List<string> _notes = new();
        private readonly List<string> _forkedOff = new();
        private readonly List<string> _added = new();
        private SubmissionOrigin _origin;

        public Run(TransportHandler owner, ITransportItem item, TransportEvent transportEvent, TransportSession session, IOrganization organization)
        {
            _owner = owner;
            _item = item;
            _event = transportEvent;
            _session = session;
            _organization = organization;
        }

        private ILogger Log => _owner._log;

        private TransportHandlerOptions Options => _owner._options;

        public TransportHandling Execute(CancellationToken cancellationToken)
        {
            using var content = ReadContent();
            if (content is null)
            {
                Log.Warning("The message was left unchanged in {Event}: the host does not expose its content", _event);
                _session.MarkHandled(_item.Recipients);
                return Skipped(_event, _origin, _item, "the host does not expose the content");
            }

            var headers = ReadHeaders(content);
            _origin = SubmissionOriginClassifier.Classify(_item.Authentication ?? new SubmissionAuthentication(
                headers[OrganizationHeaders.AuthAs], headers[OrganizationHeaders.AuthSource], headers[OrganizationHeaders.AuthMechanism]));
            var markers = MarkerValues(headers);

            // The identity (parsed From, Message-ID, Date) matters only to a signed marker: it is read when a marker is
            // there to verify or one is to be signed, not for every message.
            var identity = new Lazy<MessageIdentity>(() => MessageIdentity.Of(headers), LazyThreadSafetyMode.None);
            if (ProcessedMarker.IsTrusted(markers, _origin, Options.OrganizationKey, markers.Count > 0 && Options.OrganizationKey is not null ? identity.Value : null))
            {
                return AlreadyProcessed(headers);
            }

            if (markers.Count > 0)
            {
                Log.Information("The message carries {Marker} that is not trusted ({Why}); it is processed", ProcessedMarker.Name, Options.OrganizationKey is null ? "it entered as " + _origin : "its HMAC does not verify");
            }

            var envelope = new MessageEnvelope(_item.Sender, _item.Recipients.ToList(), _origin, _item.ReceivedAt);
            ProcessingResult result;
            using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                budget.CancelAfter(Options.ProcessingBudget);
                content.Position = 0;
                result = _event == TransportEvent.Submitted && _owner._processor is IRecipientChangeProbe probe
                    ? probe.ProcessRecipientChanges(envelope, _organization, content, budget.Token)
                    : _owner._processor.Process(envelope, _organization, content, budget.Token);
            }

            using (result.Mime)
            {
                return _event == TransportEvent.Submitted ? ApplyAtSubmission(result) : Apply(result, content, headers, identity);
            }
        }

        private Stream? ReadContent()
        {
            var stream = _item.OpenContent();
            if (stream is null || stream.CanSeek)
            {
                return stream;
            }

            using (stream)
            {
                var buffer = MessageBuffer.Create(0, Options.InMemoryLimitBytes, Options.SpoolFolder, out var spoolFailure);
                if (spoolFailure is not null)
                {
                    Log.Warning(spoolFailure, "Could not spool a message to {SpoolFolder}; reading it into memory instead", Options.SpoolFolder ?? Path.GetTempPath());
                }

                try
                {
                    stream.CopyTo(buffer);
                    buffer.Position = 0;
                    return buffer;
                }
                catch
                {
                    buffer.Dispose();
                    throw;
                }
            }
        }

        // The handler reads the same message at OnSubmittedMessage and OnResolvedMessage: its header block is parsed
        // once while its bytes stay the same (HeaderBlockCache), and a block of the plain shape only indexed: the handler
        // reads five or six of its fields (TopLevelFields).
        private TopLevelFields ReadHeaders(Stream content)
        {
            try
            {
                return _session.Headers.Read(content, static stream => HeaderList.Load(ParserOptions.Default, stream));
            }
#pragma warning disable CA1031 // A header block MimeKit cannot read has no marker and no origin; the processor reports it.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.Warning(exception, "The header block of the message could not be read; it is treated as carrying no organisation headers");
                return TopLevelFields.Empty;
            }
            finally
            {
                content.Position = 0;
            }
        }

        private TransportHandling AlreadyProcessed(TopLevelFields headers)
        {
            Log.Debug("Skipped in {Event}: the message carries a trusted {Marker} (processed by our organisation on an earlier crossing)", _event, ProcessedMarker.Name);
            if (_event != TransportEvent.Submitted)
            {
                // It still must not carry our headers to the internet.
                var own = OwnHeaderNames(headers);
                if (own.Count > 0)
                {
                    var internalRecipients = InternalRecipients();
                    if (internalRecipients.Count == 0)
                    {
                        RemoveThroughHeaderApi(own);
                    }
                    else if (internalRecipients.Count < _item.Recipients.Count && own.Any(name => !IsMarker(name)))
                    {
                        Fork(internalRecipients, "our headers must not reach the external recipients");
                    }
                }

                _session.MarkHandled(_item.Recipients);
            }

            return new TransportHandling
            {
                Event = _event,
                Disposition = TransportDisposition.Skipped,
                Origin = _origin,
                Recipients = _item.Recipients.ToList(),
                ForkedOff = _forkedOff,
                Marked = true,
                Reason = ProcessedMarker.Name + " from an earlier crossing",
                Notes = _notes,
            };
        }

        private TransportHandling ApplyAtSubmission(ProcessingResult result)
        {
            if (result.Outcome == ProcessingOutcome.Defer)
            {
                return Defer(result, RetryAfter(result), result.Reason);
            }

            ApplyRecipientChanges(result.EnvelopeChanges);
            _session.RecipientChangesApplied = true;
            return new TransportHandling
            {
                Event = _event,
                Disposition = TransportDisposition.Processed,
                Origin = _origin,
                Result = result,
                Recipients = _item.Recipients.ToList(),
                RecipientsAdded = _added,
                Reason = "recipient changes only; the content is processed once groups are expanded",
                Notes = _notes,
            };
        }

        private TransportHandling Apply(ProcessingResult result, Stream original, TopLevelFields originalHeaders, Lazy<MessageIdentity> identity)
        {
            switch (result.Outcome)
            {
                case ProcessingOutcome.Defer:
                    return Defer(result, RetryAfter(result), result.Reason);
                case ProcessingOutcome.Delete:
                    Log.Information("Deleted the message: {Reason}", result.Reason);
                    _item.Delete("ExchangeRules: " + result.Reason);
                    return Finished(result, TransportDisposition.Deleted, result.Reason, written: false, marked: false);
                case ProcessingOutcome.Reject:
                    Log.Error("Rejected the message with a non-delivery report: {Reason}", result.Reason);
                    _item.Reject("ExchangeRules: " + result.Reason);
                    return Finished(result, TransportDisposition.Rejected, result.Reason, written: false, marked: false);
                case ProcessingOutcome.Unchanged:
                case ProcessingOutcome.Changed:
                case ProcessingOutcome.Split:
                    break;
                default:
                    Log.Error("The message was left unchanged: unknown processing outcome {Outcome}", result.Outcome);
                    _notes.Add("unknown processing outcome " + result.Outcome);
                    _session.MarkHandled(_item.Recipients);
                    return Finished(result, TransportDisposition.Skipped, "unknown processing outcome", written: false, marked: false);
            }

            var edited = result.Mime;
            if (result.Outcome == ProcessingOutcome.Split && !Split(result.SplitRecipients))
            {
                // The edited copy belongs to nobody on this item: deliver it unchanged rather than stamp the wrong people.
                edited = null;
            }

            if (result.Outcome == ProcessingOutcome.Changed && edited is null && result.EnvelopeChanges.Count == 0)
            {
                Log.Error("The processor reported a change without content; the message is left unchanged");
                _notes.Add("a change without content was ignored");
            }

            if (_item.CanAddRecipients)
            {
                ApplyRecipientChanges(result.EnvelopeChanges);
            }
            else if (result.EnvelopeChanges.Count > 0 && !_session.RecipientChangesApplied)
            {
                foreach (var change in result.EnvelopeChanges)
                {
                    Note($"rule {change.RuleName}: did not {Describe(change.Change)} {change.Address}: Exchange allows adding recipients only in OnSubmittedMessage, which this item did not pass through");
                }
            }

            var internalRecipients = InternalRecipients();
            var toInternal = internalRecipients.Count > 0;
            if (toInternal && internalRecipients.Count < _item.Recipients.Count && NamesOurRules(edited, originalHeaders))
            {
                Fork(internalRecipients, "the external recipients get a copy without our headers");
            }

            var written = false;
            var marked = false;
            string MarkerValue() => Options.OrganizationKey is null ? ProcessedMarker.UnsignedValue : ProcessedMarker.ValueFor(Options.OrganizationKey, identity.Value);
            if (edited is not null)
            {
                Func<string, bool> remove = toInternal ? IsMarker : IsOwnHeader;
                var add = toInternal ? new[] { new KeyValuePair<string, string>(ProcessedMarker.Name, MarkerValue()) } : _nothingToAdd;
                if (!Write(edited, remove, add, out var failure))
                {
                    return failure!;
                }

                written = true;
                marked = toInternal;
            }
            else if (toInternal)
            {
                marked = SetThroughHeaderApi(ProcessedMarker.Name, MarkerValue());
            }
            else
            {
                RemoveThroughHeaderApi(OwnHeaderNames(originalHeaders));
            }

            _session.MarkHandled(_item.Recipients);
            return Finished(result, TransportDisposition.Processed, result.Reason, written, marked);
        }

        private bool Split(IReadOnlyList<string> stay)
        {
            var staying = new HashSet<string>(stay, StringComparer.OrdinalIgnoreCase);
            var keep = _item.Recipients.Where(staying.Contains).ToList();
            if (keep.Count == 0)
            {
                Log.Error("Did not split the message: none of the recipients to keep ({Recipients}) is on it; it is delivered unchanged", string.Join(", ", stay));
                _notes.Add("split ignored: none of the recipients to keep is on the item; delivered unchanged");
                return false;
            }

            if (keep.Count < _item.Recipients.Count)
            {
                Fork(keep, "per-recipient rules");
            }

            return true;
        }

        private void Fork(List<string> keep, string why)
        {
            var rest = _item.Recipients.Where(r => !keep.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
            _item.Fork(keep);
            _forkedOff.AddRange(rest);
            Log.Debug("Forked {Count} recipient(s) to a new item ({Why})", rest.Count, why);
        }

        private bool Write(Stream edited, Func<string, bool> remove, IReadOnlyList<KeyValuePair<string, string>> add, out TransportHandling? failure)
        {
            failure = null;
            Stream? complete = null;
            try
            {
                // The message is complete before the host's write starts (the processor has written the body, the
                // header block with the marker is built here), so a failure here changes nothing; the marker goes
                // into the same write as the edit, and the body is copied once, by the host, not into another buffer.
                complete = TopLevelHeaders.Edit(edited, remove, add);
                complete.Position = 0;
            }
#pragma warning disable CA1031 // Building the final content failed: nothing was written, the item stays as it was.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                complete?.Dispose();
                Log.Error(exception, "The edited message could not be prepared; the message is deferred");
                failure = Defer(null, Options.DefaultDeferInterval, "the edited message could not be prepared: " + exception.Message);
                return false;
            }

            using (complete)
            {
                try
                {
                    _item.WriteContent(complete);
                    return true;
                }
#pragma warning disable CA1031 // A half-written message must not be committed: defer, and the host restores the original.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Log.Error(exception, "Writing the edited message failed; the message is deferred so that the original is kept");
                    failure = Defer(null, Options.DefaultDeferInterval, "writing the edited message failed: " + exception.Message);
                    return false;
                }
            }
        }

        private TransportHandling Defer(ProcessingResult? result, TimeSpan retryAfter, string reason)
        {
            Log.Warning("Deferred the message for {DeferInterval}: {Reason}", retryAfter, reason);
            try
            {
                _item.Defer(retryAfter, "ExchangeRules: " + reason);
            }
#pragma warning disable CA1031 // Nothing else can be done; the failure is logged.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.Error(exception, "Deferring the message failed");
                _notes.Add("deferring failed: " + exception.Message);
            }

            return Finished(result, TransportDisposition.Deferred, reason, written: false, marked: false);
        }

        private TimeSpan RetryAfter(ProcessingResult result) =>
            result.RetryAfter > TimeSpan.Zero ? result.RetryAfter : Options.DefaultDeferInterval;

        private void ApplyRecipientChanges(IReadOnlyList<RecipientAction> changes)
        {
            foreach (var change in changes)
            {
                if (!_item.CanAddRecipients)
                {
                    Note($"rule {change.RuleName}: did not {Describe(change.Change)} {change.Address}: the host does not allow adding recipients here");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(change.Address) || !MailboxAddress.TryParse(change.Address, out var parsed) || parsed.Address.IndexOf('@') < 1)
                {
                    Note($"rule {change.RuleName}: did not {Describe(change.Change)} '{change.Address}': not a valid SMTP address");
                    continue;
                }

                try
                {
                    if (change.Change == RecipientChange.Redirect)
                    {
                        foreach (var other in _item.Recipients.Where(r => !string.Equals(r, change.Address, StringComparison.OrdinalIgnoreCase)).ToList())
                        {
                            _item.RemoveRecipient(other);
                        }
                    }

                    if (!_item.Recipients.Contains(change.Address, StringComparer.OrdinalIgnoreCase))
                    {
                        _item.AddRecipient(change.Address);
                        _added.Add(change.Address);
                    }
                }
#pragma warning disable CA1031 // The host refused one change; the others still apply.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Note($"rule {change.RuleName}: did not {Describe(change.Change)} {change.Address}: {exception.Message}");
                }
            }
        }

        private List<string> InternalRecipients() =>
            _item.Recipients.Where(r => _organization.Locate(r) != RecipientLocation.External).ToList();

        private static bool NamesOurRules(Stream? edited, TopLevelFields originalHeaders)
        {
            if (edited is null)
            {
                return OwnHeaderNames(originalHeaders).Any(name => !IsMarker(name));
            }

            var position = edited.Position;
            try
            {
                edited.Position = 0;
                return OwnHeaderNames(TopLevelFields.Of(HeaderList.Load(ParserOptions.Default, edited))).Any(name => !IsMarker(name));
            }
            finally
            {
                edited.Position = position;
            }
        }

        private bool SetThroughHeaderApi(string name, string value)
        {
            try
            {
                _item.SetHeader(name, value);
                return true;
            }
#pragma warning disable CA1031 // Without the marker the message may be processed again on a later crossing; it is logged.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.Warning(exception, "Could not write {Marker}; an Exchange Online redirect rule may send the message back", name);
                _notes.Add($"could not write {name}: {exception.Message}");
                return false;
            }
        }

        private void RemoveThroughHeaderApi(IReadOnlyList<string> names)
        {
            foreach (var name in names)
            {
                try
                {
                    _item.SetHeader(name, null);
                }
#pragma warning disable CA1031 // A header that cannot be removed is reported; mail still flows.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Log.Warning(exception, "Could not remove {Header} from a copy for external recipients", name);
                    _notes.Add($"could not remove {name}: {exception.Message}");
                }
            }
        }

        private void Note(string note)
        {
            Log.Warning("{Note}", note);
            _notes.Add(note);
        }

        private TransportHandling Finished(ProcessingResult? result, TransportDisposition disposition, string reason, bool written, bool marked) => new()
        {
            Event = _event,
            Disposition = disposition,
            Origin = _origin,
            Result = result,
            Recipients = disposition is TransportDisposition.Deferred or TransportDisposition.Deleted or TransportDisposition.Rejected ? Array.Empty<string>() : _item.Recipients.ToList(),
            ForkedOff = _forkedOff,
            RecipientsAdded = _added,
            ContentWritten = written,
            Marked = marked,
            Reason = reason ?? string.Empty,
            Notes = _notes,
        };

        private static List<string> MarkerValues(TopLevelFields headers) => headers.ValuesOf(ProcessedMarker.Name);

        private static List<string> OwnHeaderNames(TopLevelFields headers) => headers.NamesStartingWith(OwnHeaderPrefix);

        private static bool IsMarker(string name) => string.Equals(name, ProcessedMarker.Name, StringComparison.OrdinalIgnoreCase);

        private static string Describe(RecipientChange change) => change switch
        {
            RecipientChange.Bcc => "add BCC",
            RecipientChange.Redirect => "redirect to",
            _ => "add recipient",
        };
    }
}
