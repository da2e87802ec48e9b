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
using ExchangeRules.Processing.Transport;
using Serilog;

namespace ExchangeRules.Processing;

/// <summary>
/// Reads a message, evaluates the rules in force, edits the copy that stays on the mail item and tells the
/// host what to do. Every failure is caught, logged with the message and rule, and handled by the failing
/// rule's <see cref="FailurePolicy"/>: any failure of a fail-closed rule (evaluation, template, directory, a limit,
/// the time budget, editing) defers the message, and after <see cref="ProcessingOptions.MaxDeferral"/> the
/// <see cref="ProcessingOptions.AfterMaxDeferral"/> policy ends it. A message over a limit still gets its header-level
/// actions. Nothing throws out of <see cref="Process"/>.
/// </summary>
/// <threadsafety>Safe to call from many threads at once; the rule plan is read once per message.</threadsafety>
public sealed class MessageProcessor : IMessageProcessor, IRecipientChangeProbe
{
    internal const string LoopSafetyRule = "(loop safety)";

    /// <summary>The header on a message delivered without a required rule (<see cref="FailClosedExpiry.DeliverWithHeader"/>).</summary>
    public const string UnappliedHeader = "X-ExchangeRules-Unapplied";

    private readonly Func<IRulePlan?> _currentPlan;
    private readonly IMessageEditor _editor;
    private readonly IDirectory? _directory;
    private readonly ProcessingOptions _options;
    private readonly ILogger _logger;
    private readonly ILogger _summaryLogger;
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

        // The per-message event's logger, made once: a contextual logger per message is an allocation per message.
        _summaryLogger = logger.ForEvent(LogEventId.MessageProcessed);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <inheritdoc />
    public bool MayChangeRecipients => _currentPlan() switch
    {
        null => false,
        IRecipientChangingPlan plan => plan.MayChangeRecipients,
        _ => true,
    };

    /// <inheritdoc />
    public ProcessingResult Process(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken) =>
        ProcessCore(envelope, organization, mime, recipientChangesOnly: false, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Reads the message and evaluates the recipient subset of the rules in force
    /// (<see cref="IRecipientChangingPlan.EvaluateRecipientChanges"/>); a plan without that subset is evaluated in
    /// full and only its recipient changes are kept. Nothing is edited. When a per-recipient rule gives recipients
    /// different copies, the added and BCC recipients of every copy are returned (each once): the message exists once
    /// at this point, and an added recipient receives it once.
    /// </remarks>
    public ProcessingResult ProcessRecipientChanges(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken) =>
        ProcessCore(envelope, organization, mime, recipientChangesOnly: true, cancellationToken);

    private ProcessingResult ProcessCore(MessageEnvelope envelope, IOrganization organization, Stream mime, bool recipientChangesOnly, CancellationToken cancellationToken)
    {
        var started = _clock.Elapsed;
        var summary = new MessageSummary(envelope);
        ProcessingResult result;
        try
        {
            result = new Run(this, envelope, organization, mime, summary, started, cancellationToken) { RecipientChangesOnly = recipientChangesOnly }.Execute();
            var trace = TraceOutcomes.Reconcile(result.Trace, result.ActionOutcomes, result.Outcome, result.Reason);
            if (!ReferenceEquals(trace, result.Trace))
            {
                result = result.WithTrace(trace);
                summary.Trace = trace;
            }
        }
#pragma warning disable CA1031 // The host must never see an exception: deliver unchanged and say why.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.Safely(log => log.ForEvent(LogEventId.UnexpectedFailure).Error(
                exception, "Unexpected failure while processing message {MessageId} from {Sender}; delivered unchanged", summary.MessageId, summary.Sender));
            result = new ProcessingResult { Outcome = ProcessingOutcome.Unchanged, Reason = "unexpected failure: " + exception.GetType().Name };
        }

        // One event per message: the recipient stage at OnSubmittedMessage writes its own only when it changed the
        // envelope or stopped the message; otherwise the content stage's event at OnResolvedMessage is the message's.
        if (!recipientChangesOnly || result.Outcome != ProcessingOutcome.Unchanged)
        {
            var duration = _clock.Elapsed - started;
            _summaryLogger.Safely(log => summary.Write(log, result, duration, _options.LogMessageContent));
        }

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
        private static readonly TimeSpan _longestTimer = TimeSpan.FromMilliseconds(int.MaxValue - 1);
        private readonly CancellationToken _cancellationToken;
        private CancellationTokenSource? _budget;
        private readonly List<ActionOutcome> _outcomes = new();
        private IMessageContent? _content;

        // The failure policy of what is left to do: the default until evaluation has decided the actions, then
        // fail-closed when any action on this item belongs to a fail-closed rule.
        private FailurePolicy _pendingPolicy;
        private IReadOnlyList<string> _pendingRequiredRules = Array.Empty<string>();

        public Run(MessageProcessor owner, MessageEnvelope envelope, IOrganization organization, Stream mime, MessageSummary summary, TimeSpan started, CancellationToken cancellationToken)
        {
            _owner = owner;
            _envelope = envelope ?? throw new ArgumentNullException(nameof(envelope));
            _organization = organization ?? throw new ArgumentNullException(nameof(organization));
            _mime = mime ?? throw new ArgumentNullException(nameof(mime));
            _messageStart = mime.Position;
            _pendingPolicy = owner._options.DefaultFailurePolicy;
            _summary = summary;
            _started = started;
            _cancellationToken = cancellationToken;
        }

        private ILogger Logger => _owner._logger;

        private ProcessingOptions Options => _owner._options;

        /// <summary>Only the rules that change recipients are evaluated and only their changes returned; nothing is edited.</summary>
        public bool RecipientChangesOnly { get; init; }

        public ProcessingResult Execute()
        {
            try
            {
                return ExecuteSteps();
            }
            finally
            {
                _budget?.Dispose();

                // The editor's model of the message has finalizers (MimeKit's): not disposed, it would survive the next
                // collection with everything it refers to, and turn every gen0 collection into a gen1 one.
                (_content as IDisposable)?.Dispose();
            }
        }

        private ProcessingResult ExecuteSteps()
        {
            _summary.Direction = MessageSummary.ClassifyDirection(_envelope, _organization);

            // No size check here: the editor enforces every limit (MessageLimits) and reads only the header block of a
            // message over one, so header-level actions still apply and a fail-closed rule that needs the body defers.
            var untrustedHeaders = RecipientChangesOnly ? Array.Empty<string>() : FindUntrustedOwnHeaders();
            IMessageContent content;
            try
            {
                content = _owner._editor.Read(_mime, _envelope.Origin);
                _content = content;
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

            // No time check before evaluation: when reading the message spent the budget, the budget token is already
            // cancelled and the plan stops at its first rule, naming every rule it could not evaluate. Only the plan
            // knows which of them are fail-closed; passing the message unchanged here would let it leave without a
            // required disclaimer whenever the host is slow.
            var copy = Evaluate(content, untrustedHeaders.Count > 0, out var split, out var failure);
            if (failure is not null)
            {
                return failure;
            }

            var required = copy?.Actions.Where(action => action.FailurePolicy == FailurePolicy.FailClosed).Select(action => action.RuleName).Distinct(StringComparer.Ordinal).ToList();
            _pendingPolicy = required is { Count: > 0 } ? FailurePolicy.FailClosed : FailurePolicy.FailOpen;
            _pendingRequiredRules = required ?? (IReadOnlyList<string>)Array.Empty<string>();

            if (IsOutOfTime(out var timeout))
            {
                return timeout;
            }

            return RecipientChangesOnly ? ActOnRecipients(copy) : Act(content, copy, split, untrustedHeaders);
        }

        /// <summary>The recipient changes of the evaluation, for the host to apply where recipients may be added.</summary>
        private ProcessingResult ActOnRecipients(CopyDecision? copy)
        {
            var changes = copy?.Actions.OfType<RecipientAction>().ToList() ?? new List<RecipientAction>();
            foreach (var change in changes)
            {
                _summary.AddAction(change, "ForHost");
                _outcomes.Add(new ActionOutcome(change, ActionStatus.Applied, "the host changes the envelope"));
            }

            return changes.Count == 0
                ? Unchanged(_summary.Trace is null ? "no rules in force" : string.Empty)
                : new ProcessingResult { Outcome = ProcessingOutcome.Changed, EnvelopeChanges = changes, Trace = _summary.Trace, ActionOutcomes = _outcomes };
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
                var context = new MessageContext(_envelope, evaluated, _organization, _owner._directory, _owner._clock.Now) { CancellationToken = Budget };
                var evaluation = RecipientChangesOnly && plan is IRecipientChangingPlan recipientPlan
                    ? recipientPlan.EvaluateRecipientChanges(context)
                    : plan.Evaluate(context);
                _summary.Trace = evaluation.Trace;
                if (evaluation.Cancelled)
                {
                    failure = BudgetSpentDuringEvaluation(evaluation);
                    return null;
                }

                split = evaluation.Copies.Count > 1;
                if (evaluation.RequiredRuleFailed)
                {
                    // A fail-closed rule could not be evaluated (regex timeout, template, directory, body over a limit):
                    // nothing of this evaluation may reach the message; it waits until the rule can be applied.
                    // An evaluator that reports the failure without names: the failed rules of its trace are the ones.
                    var failedRules = evaluation.Trace.Rules.Where(rule => rule.Failed).ToList();
                    IReadOnlyList<string> names = evaluation.FailedRequiredRules.Where(name => failedRules.Any(rule => rule.RuleName == name)).ToList();
                    if (names.Count == 0)
                    {
                        names = failedRules.Count > 0 ? failedRules.Select(rule => rule.RuleName).ToList() : evaluation.FailedRequiredRules;
                    }

                    var failed = failedRules.FirstOrDefault(rule => names.Contains(rule.RuleName));
                    failure = Fail(
                        FailurePolicy.FailClosed,
                        LogEventId.EvaluationFailed,
                        null,
                        "required rule " + string.Join(", ", names) + " could not be evaluated" + (failed is null ? string.Empty : ": " + failed.Reason),
                        names);
                    return null;
                }

                return RecipientChangesOnly ? RecipientChangesOfEveryCopy(evaluation.Copies) : ChooseCopy(evaluation.Copies);
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
        /// One copy carrying the add-recipient and BCC changes of every copy (each address once) and the redirect of the
        /// copy that would stay on the item (<see cref="ChooseCopy"/>): a redirect replaces recipients, so it is not
        /// taken from another recipient's copy.
        /// </summary>
        private static CopyDecision? RecipientChangesOfEveryCopy(IReadOnlyList<CopyDecision> copies)
        {
            var chosen = ChooseCopy(copies);
            if (chosen is null || copies.Count == 1)
            {
                return chosen;
            }

            var changes = new List<PlannedAction>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var copy in copies)
            {
                foreach (var change in copy.Actions.OfType<RecipientAction>())
                {
                    var own = ReferenceEquals(copy, chosen);
                    if ((change.Change != RecipientChange.Redirect || own) && seen.Add(change.Change + ":" + change.Address))
                    {
                        changes.Add(change);
                    }
                }
            }

            return new CopyDecision(chosen.Recipients, changes);
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
            if (contentActions.Count > 0 && !RecipientChangesOnly)
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

                var result = _owner._editor is ICancellableMessageEditor cancellable
                    ? cancellable.Apply(content, actions, destination, Budget)
                    : _owner._editor.Apply(content, actions, destination);
                _summary.AddOutcomes(result.Outcomes);
                _outcomes.AddRange(result.Outcomes);
                LogPlacementsWithoutMarker(content, result.Outcomes);
                if (result.LimitReached != EditLimit.None)
                {
                    var limitFailure = HandleLimit(result);
                    if (limitFailure is not null || !result.Changed)
                    {
                        destination.Dispose();
                        return limitFailure;
                    }
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

                // Only a failure needs the rules and their policy: they are not worked out for every message.
                var rules = actions.Select(action => action.RuleName).Distinct(StringComparer.Ordinal).ToList();
                var policy = actions.Any(action => action.FailurePolicy == FailurePolicy.FailClosed) ? FailurePolicy.FailClosed : FailurePolicy.FailOpen;
                return Fail(policy, LogEventId.EditFailed, exception, "editing the message failed: " + exception.Message, rules);
            }
        }

        /// <summary>
        /// Says when a signature fell back to the end of a part for want of a reply marker: expected on a new message,
        /// a shape the markers miss on a reply (In-Reply-To or References present), which an admin can add a marker for.
        /// </summary>
        private void LogPlacementsWithoutMarker(IMessageContent content, IReadOnlyList<ActionOutcome> outcomes)
        {
            foreach (var outcome in outcomes)
            {
                // Once per action of every message: nothing is allocated unless a placement fell back.
                if (outcome.Status != ActionStatus.Applied || !HasFallback(outcome.Placements))
                {
                    continue;
                }

                var fallbacks = outcome.Placements.Where(placement => placement.IsFallback).Select(placement => placement.Part).ToList();

                var isReply = FirstHeader(content, "In-Reply-To").Length > 0 || FirstHeader(content, "References").Length > 0;
                var found = outcome.Placements.Where(placement => !placement.IsFallback).Select(placement => placement.Part + " '" + placement.Marker + "'").ToList();
                Logger.Safely(log => log.ForEvent(LogEventId.PlacementWithoutMarker).Write(
                    isReply ? Serilog.Events.LogEventLevel.Warning : Serilog.Events.LogEventLevel.Information,
                    "Message {MessageId} from {Sender}: rule {Rule} placed its content at the end of {Parts} because no reply marker was found{ReplyNote}; markers found in the other parts: {Found}",
                    _summary.MessageId,
                    _summary.Sender,
                    outcome.Action.RuleName,
                    fallbacks,
                    isReply ? " although the message is a reply (a client shape the reply markers miss)" : string.Empty,
                    found.Count == 0 ? "none" : string.Join(", ", found)));
            }
        }

        private static bool HasFallback(IReadOnlyList<PartPlacement> placements)
        {
            for (var i = 0; i < placements.Count; i++)
            {
                if (placements[i].IsFallback)
                {
                    return true;
                }
            }

            return false;
        }

        private static LogEventId EventFor(EditLimit limit) => limit switch
        {
            EditLimit.MessageSize => LogEventId.MessageTooLarge,
            EditLimit.TimeBudget => LogEventId.TimeBudgetExceeded,
            EditLimit.MimeDepth => LogEventId.MimeTooDeep,
            _ => LogEventId.BodyNotEditable,
        };

        /// <summary>
        /// A limit left the body (or, for the time budget, the whole message) unchanged: a fail-closed action that did
        /// not apply defers the message; otherwise what did apply (the header-level actions) is delivered, with a warning.
        /// </summary>
        private ProcessingResult? HandleLimit(EditResult result)
        {
            var reason = LimitReason(result);
            var required = result.Outcomes
                .Where(outcome => outcome.Action.FailurePolicy == FailurePolicy.FailClosed && outcome.Status != ActionStatus.Applied
                    && outcome.Action is not RecipientAction and not DeleteMessageAction)
                .Select(outcome => outcome.Action.RuleName)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (required.Count > 0)
            {
                return Fail(FailurePolicy.FailClosed, EventFor(result.LimitReached), null, $"required rule {string.Join(", ", required)} could not be applied: {reason}", required);
            }

            Logger.Safely(log => log.ForEvent(EventFor(result.LimitReached)).Warning(
                "Message {MessageId} from {Sender}: {Reason}; {Applied}",
                _summary.MessageId,
                _summary.Sender,
                reason,
                result.Changed ? "only header-level actions were applied" : "delivered unchanged"));
            return result.Changed ? null : Unchanged(reason);
        }

        private static string LimitReason(EditResult result)
        {
            var detail = result.Outcomes.Where(outcome => outcome.Status != ActionStatus.Applied).Select(outcome => outcome.Detail).FirstOrDefault(text => !string.IsNullOrEmpty(text));
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
            if (policy == FailurePolicy.FailClosed && DeferredTooLong(out var waited))
            {
                return GiveUp(exception, reason, rules, waited);
            }

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

        /// <summary>Whether the message has waited longer than <see cref="ProcessingOptions.MaxDeferral"/> since this server received it.</summary>
        private bool DeferredTooLong(out TimeSpan waited)
        {
            waited = _envelope.ReceivedAt is { } received ? _owner._clock.Now - received : TimeSpan.Zero;
            return _envelope.ReceivedAt is not null && waited >= Options.MaxDeferral;
        }

        /// <summary>The final action for a message a fail-closed rule kept deferred too long (<see cref="ProcessingOptions.AfterMaxDeferral"/>).</summary>
        private ProcessingResult GiveUp(Exception? exception, string reason, IReadOnlyList<string> rules, TimeSpan waited)
        {
            var hours = waited.TotalHours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            if (Options.AfterMaxDeferral == FailClosedExpiry.DeliverWithHeader && _content is not null)
            {
                var marked = DeliverMarkedUnapplied();
                if (marked is not null)
                {
                    Logger.Safely(log => log.ForEvent(LogEventId.RequiredRuleAbandoned).Error(
                        exception,
                        "Message {MessageId} from {Sender} delivered WITHOUT required rules {Rules} after {Hours} h of deferrals (policy DeliverWithHeader): {Reason}",
                        _summary.MessageId,
                        _summary.Sender,
                        rules,
                        hours,
                        reason));
                    return marked;
                }
            }

            Logger.Safely(log => log.ForEvent(LogEventId.MessageRejected).Error(
                exception,
                "Message {MessageId} from {Sender} rejected with a non-delivery report: required rules {Rules} kept failing for {Hours} h: {Reason}",
                _summary.MessageId,
                _summary.Sender,
                rules,
                hours,
                reason));
            return new ProcessingResult
            {
                Outcome = ProcessingOutcome.Reject,
                Reason = $"5.3.0 ExchangeRules: a required rule could not be applied for {hours} hours ({reason}); the message was not delivered",
                Trace = _summary.Trace,
                ActionOutcomes = _outcomes,
            };
        }

        /// <summary>The original message with only the unapplied header added, or <see langword="null"/> when even that cannot be written.</summary>
        private ProcessingResult? DeliverMarkedUnapplied()
        {
            Stream? destination = null;
            try
            {
                _mime.Position = _messageStart;
                destination = MessageBuffer.Create(_mime.Length - _messageStart, Options.InMemoryEditLimitBytes, Options.SpoolFolder, out _);
                var header = new HeaderAction(LoopSafetyRule, FailurePolicy.FailOpen, UnappliedHeader, "required-rule-failed");
                var result = _owner._editor.Apply(_content!, new PlannedAction[] { header }, destination);
                if (!result.Changed)
                {
                    destination.Dispose();
                    return null;
                }

                destination.Position = 0;
                return new ProcessingResult
                {
                    Outcome = ProcessingOutcome.Changed,
                    Mime = destination,
                    Reason = "a required rule kept failing past the maximum deferral; delivered without it (policy DeliverWithHeader)",
                    Trace = _summary.Trace,
                    ActionOutcomes = _outcomes,
                };
            }
#pragma warning disable CA1031 // The fallback of a fallback: the caller rejects the message instead.
            catch (Exception)
#pragma warning restore CA1031
            {
                destination?.Dispose();
                return null;
            }
        }


        /// <summary>
        /// Cancelled when the host cancels or the message's time budget is spent, so that evaluation and editing stop
        /// inside their loops (each rule, each recipient, each marker search) instead of only between steps.
        /// </summary>
        private CancellationToken Budget
        {
            get
            {
                if (_budget is null)
                {
                    _budget = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken);
                    var remaining = Options.TimeBudget - (_owner._clock.Elapsed - _started);
                    if (remaining <= TimeSpan.Zero)
                    {
                        // CancelAfter(0) cancels on a timer thread, later: a spent budget must be seen at the first check.
                        _budget.Cancel();
                    }
                    else
                    {
                        _budget.CancelAfter(remaining > _longestTimer ? _longestTimer : remaining);
                    }
                }

                return _budget.Token;
            }
        }

        /// <summary>Evaluation stopped: the rules it could not finish failed, and a required one defers the message.</summary>
        private ProcessingResult BudgetSpentDuringEvaluation(EvaluationResult evaluation)
        {
            var stopped = evaluation.Trace.Rules.Where(rule => rule.Failed).Select(rule => rule.RuleName).ToList();
            var reason = _cancellationToken.IsCancellationRequested
                ? "the host cancelled processing during rule evaluation"
                : $"rule evaluation stopped: the time budget of {Options.TimeBudget.TotalMilliseconds:0} ms per message was spent";
            return evaluation.RequiredRuleFailed
                ? Fail(FailurePolicy.FailClosed, LogEventId.TimeBudgetExceeded, null, reason, stopped)
                : Fail(FailurePolicy.FailOpen, _cancellationToken.IsCancellationRequested ? LogEventId.ProcessingCancelled : LogEventId.TimeBudgetExceeded, null, reason, stopped);
        }

        private bool IsOutOfTime(out ProcessingResult result)
        {
            if (_cancellationToken.IsCancellationRequested)
            {
                result = FailPending(LogEventId.ProcessingCancelled, "the host cancelled processing");
                return true;
            }

            var elapsed = _owner._clock.Elapsed - _started;
            if (elapsed > Options.TimeBudget)
            {
                result = FailPending(LogEventId.TimeBudgetExceeded, $"processing took {elapsed.TotalMilliseconds:0} ms, over the time budget of {Options.TimeBudget.TotalMilliseconds:0} ms");
                return true;
            }

            result = null!;
            return false;
        }

        /// <summary>Processing stopped before it ended: a fail-closed rule whose actions were pending defers the message.</summary>
        private ProcessingResult FailPending(LogEventId eventId, string reason) =>
            _pendingPolicy == FailurePolicy.FailClosed
                ? Fail(FailurePolicy.FailClosed, eventId, null, reason, _pendingRequiredRules)
                : PassUnchanged(eventId, reason);

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
