using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Safety;
using Serilog;

namespace ExchangeRules.Processing;

/// <summary>
/// Reads a message, evaluates the rules in force, edits the copy that stays on the mail item and tells the
/// host what to do. Every failure is caught, logged with the message and rule, and handled by the failing
/// action's <see cref="FailurePolicy"/>; a message over a limit passes unchanged. Nothing throws out of
/// <see cref="Process"/>.
/// </summary>
/// <threadsafety>Safe to call from many threads at once; the rule plan is read once per message.</threadsafety>
public sealed class MessageProcessor : IMessageProcessor
{
    internal const string LoopSafetyRule = "(loop safety)";

    private readonly Func<IRulePlan?> _currentPlan;
    private readonly IMessageEditor _editor;
    private readonly IDirectory? _directory;
    private readonly ProcessingOptions _options;
    private readonly ILogger _logger;
    private readonly IProcessingClock _clock;

    /// <summary>Creates a processor.</summary>
    /// <param name="currentPlan">Returns the rules in force now (hot reload swaps it), or <see langword="null"/> when none are loaded.</param>
    /// <param name="editor">Reads and edits messages.</param>
    /// <param name="directory">Directory data for conditions and templates, when configured.</param>
    /// <param name="options">Limits and the default failure policy.</param>
    /// <param name="logger">Receives one event per message and every failure.</param>
    public MessageProcessor(Func<IRulePlan?> currentPlan, IMessageEditor editor, IDirectory? directory, ProcessingOptions options, ILogger logger)
        : this(currentPlan, editor, directory, options, logger, SystemProcessingClock.Instance)
    {
    }

    internal MessageProcessor(Func<IRulePlan?> currentPlan, IMessageEditor editor, IDirectory? directory, ProcessingOptions options, ILogger logger, IProcessingClock clock)
    {
        _currentPlan = currentPlan ?? throw new ArgumentNullException(nameof(currentPlan));
        _editor = editor ?? throw new ArgumentNullException(nameof(editor));
        _directory = directory;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <inheritdoc />
    public ProcessingResult Process(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken)
    {
        var started = _clock.Elapsed;
        var summary = new MessageSummary(envelope);
        ProcessingResult result;
        try
        {
            result = new Run(this, envelope, organization, mime, summary, started, cancellationToken).Execute();
        }
#pragma warning disable CA1031 // The host must never see an exception: deliver unchanged and say why.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.Safely(log => log.ForEvent(LogEventId.UnexpectedFailure).Error(
                exception, "Unexpected failure while processing message {MessageId} from {Sender}; delivered unchanged", summary.MessageId, summary.Sender));
            result = new ProcessingResult { Outcome = ProcessingOutcome.Unchanged, Reason = "unexpected failure: " + exception.GetType().Name };
        }

        var duration = _clock.Elapsed - started;
        _logger.Safely(log => summary.Write(log, result, duration, _options.LogMessageContent));
        return result;
    }

    /// <summary>The processing of one message; one instance per call, so nothing is shared between threads.</summary>
    private sealed class Run
    {
        private readonly MessageProcessor _owner;
        private readonly MessageEnvelope _envelope;
        private readonly IOrganization _organization;
        private readonly Stream _mime;

        // Where the message starts in the host's stream: reading it for evaluation moves the position.
        private readonly long _messageStart;
        private readonly MessageSummary _summary;
        private readonly TimeSpan _started;
        private readonly CancellationToken _cancellationToken;
        private readonly List<ActionOutcome> _outcomes = new();

        public Run(MessageProcessor owner, MessageEnvelope envelope, IOrganization organization, Stream mime, MessageSummary summary, TimeSpan started, CancellationToken cancellationToken)
        {
            _owner = owner;
            _envelope = envelope ?? throw new ArgumentNullException(nameof(envelope));
            _organization = organization ?? throw new ArgumentNullException(nameof(organization));
            _mime = mime ?? throw new ArgumentNullException(nameof(mime));
            _messageStart = mime.Position;
            _summary = summary;
            _started = started;
            _cancellationToken = cancellationToken;
        }

        private ILogger Logger => _owner._logger;

        private ProcessingOptions Options => _owner._options;

        public ProcessingResult Execute()
        {
            _summary.Direction = MessageSummary.ClassifyDirection(_envelope, _organization);
            if (_mime.Length > Options.MaxMessageBytes)
            {
                return PassUnchanged(LogEventId.MessageTooLarge, $"message size {_mime.Length} bytes is over the limit of {Options.MaxMessageBytes} bytes");
            }

            var untrustedHeaders = FindUntrustedOwnHeaders();
            IMessageContent content;
            try
            {
                content = _owner._editor.Read(_mime, _envelope.Origin);
                _summary.MessageId = FirstHeader(content, "Message-ID");
                _summary.Subject = content.Subject;
            }
#pragma warning disable CA1031 // A message that cannot be read is delivered as it came.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Logger.Safely(log => log.ForEvent(LogEventId.MessageUnreadable).Warning(
                    exception, "Message from {Sender} could not be read; delivered unchanged", _summary.Sender));
                return Unchanged("message could not be read: " + exception.Message);
            }

            if (IsOutOfTime(out var timeout))
            {
                return timeout;
            }

            var copy = Evaluate(content, untrustedHeaders.Count > 0, out var split, out var failure);
            if (failure is not null)
            {
                return failure;
            }

            if (IsOutOfTime(out timeout))
            {
                return timeout;
            }

            return Act(content, copy, split, untrustedHeaders);
        }

        private CopyDecision? Evaluate(IMessageContent content, bool hideOwnHeaders, out bool split, out ProcessingResult? failure)
        {
            split = false;
            failure = null;
            var plan = _owner._currentPlan();
            if (plan is null)
            {
                return null;
            }

            var evaluated = hideOwnHeaders ? new OwnHeadersHidden(content) : content;
            try
            {
                var context = new MessageContext(_envelope, evaluated, _organization, _owner._directory, _owner._clock.Now);
                var evaluation = plan.Evaluate(context);
                _summary.Trace = evaluation.Trace;
                split = evaluation.Copies.Count > 1;
                return ChooseCopy(evaluation.Copies);
            }
#pragma warning disable CA1031 // Evaluation failures (rule, directory, template) follow the default failure policy.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failure = Fail(
                    Options.DefaultFailurePolicy,
                    LogEventId.EvaluationFailed,
                    exception,
                    "rule evaluation failed: " + exception.Message,
                    Array.Empty<string>());
                return null;
            }
        }

        /// <summary>
        /// The copy that stays on this mail item. Copies that delete go last, so the item that finally carries
        /// only their recipients is the one deleted; every split shrinks the item, so this always ends.
        /// </summary>
        private static CopyDecision? ChooseCopy(IReadOnlyList<CopyDecision> copies)
        {
            if (copies.Count == 0)
            {
                return null;
            }

            return copies.FirstOrDefault(copy => !copy.Actions.OfType<DeleteMessageAction>().Any()) ?? copies[0];
        }

        private ProcessingResult Act(IMessageContent content, CopyDecision? copy, bool split, IReadOnlyList<string> untrustedHeaders)
        {
            var actions = copy?.Actions ?? Array.Empty<PlannedAction>();
            var delete = actions.OfType<DeleteMessageAction>().FirstOrDefault();
            if (delete is not null)
            {
                _summary.AddAction(delete, "Applied");
                _outcomes.Add(new ActionOutcome(delete, ActionStatus.Applied, "the host deletes the message"));
                Logger.Safely(log => log.ForEvent(LogEventId.MessageDeleted).Information(
                    "Message {MessageId} from {Sender} deleted by rule {Rule}", _summary.MessageId, _summary.Sender, delete.RuleName));
                return new ProcessingResult { Outcome = ProcessingOutcome.Delete, Trace = _summary.Trace, Reason = "deleted by rule " + delete.RuleName, ActionOutcomes = _outcomes };
            }

            var envelopeChanges = actions.OfType<RecipientAction>().ToList();
            var contentActions = untrustedHeaders
                .Select(name => (PlannedAction)new HeaderAction(LoopSafetyRule, FailurePolicy.FailOpen, name, null))
                .Concat(actions.Where(action => action is not RecipientAction || action is RecipientAction { Change: RecipientChange.Add }))
                .ToList();

            Stream? edited = null;
            if (contentActions.Count > 0)
            {
                var failure = Edit(content, contentActions, out edited);
                if (failure is not null)
                {
                    return failure;
                }
            }

            if (IsOutOfTime(out var timeout))
            {
                edited?.Dispose();
                return timeout;
            }

            foreach (var change in envelopeChanges)
            {
                _summary.AddAction(change, "ForHost");
                _outcomes.Add(new ActionOutcome(change, ActionStatus.Applied, "the host changes the envelope"));
            }

            if (untrustedHeaders.Count > 0)
            {
                Logger.Safely(log => log.ForEvent(LogEventId.UntrustedHeadersRemoved).Warning(
                    "Message {MessageId} from {Sender} arrived from outside carrying {Headers}; they were not trusted and were removed",
                    _summary.MessageId,
                    _summary.Sender,
                    untrustedHeaders));
            }

            if (split && copy is not null)
            {
                Logger.Safely(log => log.ForEvent(LogEventId.MessageSplit).Information(
                    "Message {MessageId} split: {KeptCount} recipient(s) stay on this item, the rest are processed as a new item",
                    _summary.MessageId,
                    copy.Recipients.Count));
                return new ProcessingResult
                {
                    Outcome = ProcessingOutcome.Split,
                    SplitRecipients = copy.Recipients,
                    Mime = edited,
                    EnvelopeChanges = envelopeChanges,
                    Trace = _summary.Trace,
                    ActionOutcomes = _outcomes,
                };
            }

            if (edited is null && envelopeChanges.Count == 0)
            {
                return Unchanged(_summary.Trace is null ? "no rules in force" : string.Empty);
            }

            return new ProcessingResult
            {
                Outcome = ProcessingOutcome.Changed,
                Mime = edited,
                EnvelopeChanges = envelopeChanges,
                Trace = _summary.Trace,
                ActionOutcomes = _outcomes,
            };
        }

        private ProcessingResult? Edit(IMessageContent content, IReadOnlyList<PlannedAction> actions, out Stream? edited)
        {
            edited = null;
            var rules = actions.Select(action => action.RuleName).Distinct(StringComparer.Ordinal).ToList();
            var policy = actions.Any(action => action.FailurePolicy == FailurePolicy.FailClosed) ? FailurePolicy.FailClosed : FailurePolicy.FailOpen;
            Stream? destination = null;
            try
            {
                // The editor parses the message once and enforces the MIME depth, part and size limits itself.
                _mime.Position = _messageStart;
                destination = MessageBuffer.Create(_mime.Length - _messageStart, Options.InMemoryEditLimitBytes, Options.SpoolFolder, out var spoolFailure);
                if (spoolFailure is not null)
                {
                    Logger.Safely(log => log.ForEvent(LogEventId.SpoolUnavailable).Warning(
                        spoolFailure, "Could not spool the edited message {MessageId} to {SpoolFolder}; it is built in memory instead", _summary.MessageId, Options.SpoolFolder ?? Path.GetTempPath()));
                }

                var result = _owner._editor.Apply(content, actions, destination);
                _summary.AddOutcomes(result.Outcomes);
                _outcomes.AddRange(result.Outcomes);
                if (result.LimitReached != EditLimit.None)
                {
                    destination.Dispose();
                    return PassUnchanged(EventFor(result.LimitReached), LimitReason(result));
                }

                var deferral = HandleFailedActions(result.Outcomes);
                if (deferral is not null || !result.Changed)
                {
                    destination.Dispose();
                    return deferral;
                }

                destination.Position = 0;
                edited = destination;
                return null;
            }
#pragma warning disable CA1031 // Editing failures follow the actions' failure policy.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                destination?.Dispose();
                return Fail(policy, LogEventId.EditFailed, exception, "editing the message failed: " + exception.Message, rules);
            }
        }

        private static LogEventId EventFor(EditLimit limit) => limit switch
        {
            EditLimit.MessageSize => LogEventId.MessageTooLarge,
            EditLimit.TimeBudget => LogEventId.TimeBudgetExceeded,
            _ => LogEventId.MimeTooDeep,
        };

        private static string LimitReason(EditResult result)
        {
            var detail = result.Outcomes.Select(outcome => outcome.Detail).FirstOrDefault(text => !string.IsNullOrEmpty(text));
            return detail ?? "the message is over the editor's " + result.LimitReached + " limit";
        }

        private ProcessingResult? HandleFailedActions(IReadOnlyList<ActionOutcome> outcomes)
        {
            ProcessingResult? deferral = null;
            foreach (var outcome in outcomes.Where(outcome => outcome.Status == ActionStatus.Failed))
            {
                if (outcome.Action.FailurePolicy == FailurePolicy.FailClosed)
                {
                    deferral ??= Fail(FailurePolicy.FailClosed, LogEventId.ActionFailed, null, $"required rule {outcome.Action.RuleName} failed: {outcome.Detail}", new[] { outcome.Action.RuleName });
                }
                else
                {
                    Logger.Safely(log => log.ForEvent(LogEventId.ActionFailed).Warning(
                        "Message {MessageId} from {Sender}: an action of rule {Rule} failed ({Detail}); the message is delivered without it",
                        _summary.MessageId,
                        _summary.Sender,
                        outcome.Action.RuleName,
                        outcome.Detail));
                }
            }

            return deferral;
        }

        private ProcessingResult Fail(FailurePolicy policy, LogEventId eventId, Exception? exception, string reason, IReadOnlyList<string> rules)
        {
            if (policy == FailurePolicy.FailClosed)
            {
                Logger.Safely(log => log.ForEvent(LogEventId.MessageDeferred).Error(
                    exception,
                    "Message {MessageId} from {Sender} deferred because a required rule failed (rules {Rules}): {Reason}",
                    _summary.MessageId,
                    _summary.Sender,
                    rules,
                    reason));
                return new ProcessingResult
                {
                    Outcome = ProcessingOutcome.Defer,
                    Reason = "4.3.0 ExchangeRules: " + reason + "; retry later",
                    RetryAfter = Options.DeferRetryInterval,
                    Trace = _summary.Trace,
                    ActionOutcomes = _outcomes,
                };
            }

            Logger.Safely(log => log.ForEvent(eventId).Warning(
                exception,
                "Message {MessageId} from {Sender} delivered unchanged because {Reason} (rules {Rules})",
                _summary.MessageId,
                _summary.Sender,
                reason,
                rules));
            return Unchanged(reason);
        }

        private bool IsOutOfTime(out ProcessingResult result)
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                result = PassUnchanged(LogEventId.ProcessingCancelled, "the host cancelled processing");
                return true;
            }

            var elapsed = _owner._clock.Elapsed - _started;
            if (elapsed > Options.TimeBudget)
            {
                result = PassUnchanged(LogEventId.TimeBudgetExceeded, $"processing took {elapsed.TotalMilliseconds:0} ms, over the time budget of {Options.TimeBudget.TotalMilliseconds:0} ms");
                return true;
            }

            result = null!;
            return false;
        }

        private IReadOnlyList<string> FindUntrustedOwnHeaders()
        {
            if (!OwnHeaders.AreUntrusted(_envelope.Origin))
            {
                return Array.Empty<string>();
            }

            try
            {
                return OwnHeaders.FindIn(_mime);
            }
#pragma warning disable CA1031 // A header block MimeKit cannot read is left to the editor, which reports it.
            catch (Exception)
#pragma warning restore CA1031
            {
                return Array.Empty<string>();
            }
        }

        private ProcessingResult PassUnchanged(LogEventId eventId, string reason)
        {
            Logger.Safely(log => log.ForEvent(eventId).Warning(
                "Message {MessageId} from {Sender} delivered unchanged: {Reason}", _summary.MessageId, _summary.Sender, reason));
            return Unchanged(reason);
        }

        private ProcessingResult Unchanged(string reason) =>
            new() { Outcome = ProcessingOutcome.Unchanged, Reason = reason, Trace = _summary.Trace, ActionOutcomes = _outcomes };

        private static string FirstHeader(IMessageContent content, string name)
        {
            var values = content.GetHeaderValues(name);
            return values.Count > 0 ? values[0] : string.Empty;
        }
    }
}
