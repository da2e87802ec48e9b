using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using Serilog;
using Serilog.Events;

namespace ExchangeRules.Processing.Logging;

/// <summary>
/// What happened to one message, collected while it is processed and written as one structured event at
/// Information. Message content (subject, rule reasons that quote values) only appears with debug logging on.
/// </summary>
internal sealed class MessageSummary
{
    private readonly List<string> _actions = new();

    public MessageSummary(MessageEnvelope? envelope)
    {
        Sender = envelope?.Sender ?? string.Empty;
        RecipientCount = envelope?.Recipients.Count ?? 0;
        Origin = envelope?.Origin ?? SubmissionOrigin.Unknown;
    }

    public string MessageId { get; set; } = string.Empty;

    public string Sender { get; }

    public int RecipientCount { get; }

    public SubmissionOrigin Origin { get; }

    public string Direction { get; set; } = "Unknown";

    public string Subject { get; set; } = string.Empty;

    public EvaluationTrace? Trace { get; set; }

    public IReadOnlyList<string> Actions => _actions;

    public void AddOutcomes(IEnumerable<ActionOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            // Why an action did not apply, or left a body part alone (a charset the runtime cannot decode faithfully),
            // is the editor's own wording (at most with a charset label from the message): the admin reads it here.
            // A placement description is neither (and is worded only when read, which this check must not force).
            var why = !outcome.IsPlacementDescription && outcome.Detail.Length > 0 && (outcome.Status != ActionStatus.Applied || outcome.Detail.Contains("left byte-identical"))
                ? " (" + outcome.Detail + ")"
                : string.Empty;
            _actions.Add(Describe(outcome.Action) + ":" + outcome.Status + why);
        }
    }

    public void AddAction(PlannedAction action, string status) => _actions.Add(Describe(action) + ":" + status);

    /// <summary>The rules that applied, with why, in rule order (for example <c>Disclaimer(recipient outside)</c>).</summary>
    public string RulesApplied(bool includeReasons)
    {
        if (Trace is null)
        {
            return "(not evaluated)";
        }

        // Once per message over every rule of the set: a plain loop, and a builder only when a rule applied.
        StringBuilder? text = null;
        foreach (var rule in Trace.Rules)
        {
            if (!rule.Applied)
            {
                continue;
            }

            text = text is null ? new StringBuilder() : text.Append(", ");
            text.Append(rule.RuleName);
            if (includeReasons && rule.Reason.Length > 0)
            {
                text.Append('(').Append(rule.Reason).Append(')');
            }
        }

        return text?.ToString() ?? "(none)";
    }

    /// <summary>The decision trace of every rule in short form, one entry per rule.</summary>
    public string FullTrace()
    {
        if (Trace is null)
        {
            return "(not evaluated)";
        }

        return string.Join("; ", Trace.Rules.Select(rule => rule.RuleName + ": " + (rule.Applied ? "applied" : "not applied") + (rule.Reason.Length > 0 ? " (" + rule.Reason + ")" : string.Empty)));
    }

    /// <summary>Writes the message's event (and, with content logging and Debug on, its subject and full trace).</summary>
    /// <param name="summaryLogger">The processor's logger already carrying <see cref="LogEventId.MessageProcessed"/> (made once, not per message).</param>
    /// <param name="result">What happened to the message.</param>
    /// <param name="duration">How long processing took.</param>
    /// <param name="includeContent">Whether rule reasons, the subject and the trace (message content) may be logged.</param>
    public void Write(ILogger summaryLogger, ProcessingResult result, TimeSpan duration, bool includeContent)
    {
        // The rule and action lists are built only for a log that takes the event (not at Warning, the quiet level).
        if (!summaryLogger.IsEnabled(LogEventLevel.Information))
        {
            return;
        }

        summaryLogger.Information(
            "Message {MessageId} {Direction} from {Sender} to {RecipientCount} recipient(s): {Outcome} in {DurationMs} ms; split {Split}; rules applied {RulesApplied}; actions {Actions}; {Reason}",
            MessageId,
            Direction,
            Sender,
            RecipientCount,
            result.Outcome,
            Math.Round(duration.TotalMilliseconds, 1).ToString(CultureInfo.InvariantCulture),
            result.Outcome == ProcessingOutcome.Split,
            RulesApplied(includeContent),
            _actions.Count == 0 ? "(none)" : string.Join(", ", _actions),
            result.Reason);

        if (includeContent && summaryLogger.IsEnabled(LogEventLevel.Debug))
        {
            summaryLogger.Debug("Message {MessageId} subject {Subject}; trace {Trace}", MessageId, Subject, FullTrace());
        }
    }

    /// <summary>The direction for the log only; the engine decides direction for rules the same way.</summary>
    public static string ClassifyDirection(MessageEnvelope envelope, IOrganization organization)
    {
        var senderDomain = DomainOf(envelope.Sender);
        var fromInside = envelope.Origin is SubmissionOrigin.Authenticated or SubmissionOrigin.HybridConnector
            && senderDomain.Length > 0
            && organization.IsAcceptedDomain(senderDomain);
        if (!fromInside)
        {
            return nameof(MessageDirection.Incoming);
        }

        return envelope.Recipients.Any(recipient => organization.Locate(recipient) == RecipientLocation.External)
            ? nameof(MessageDirection.Outgoing)
            : nameof(MessageDirection.Internal);
    }

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address.Substring(at + 1) : string.Empty;
    }

    private static string Describe(PlannedAction action)
    {
        var kind = action switch
        {
            InsertContentAction insert => insert.Kind.ToString(),
            SubjectAction => "Subject",
            HeaderAction header => header.Value is null ? "RemoveHeader " + header.Name : "SetHeader " + header.Name,
            RecipientAction recipient => recipient.Change.ToString(),
            RemoveAttachmentsAction => "RemoveAttachments",
            AddAttachmentAction => "AddAttachment",
            DeleteMessageAction => "Delete",
            _ => action.GetType().Name,
        };
        return kind + "@" + action.RuleName;
    }
}
