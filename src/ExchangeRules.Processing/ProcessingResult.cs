using System;
using System.Collections.Generic;
using System.IO;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;

namespace ExchangeRules.Processing;

/// <summary>The result of processing one message.</summary>
public sealed class ProcessingResult
{
    /// <summary>What the host must do.</summary>
    public ProcessingOutcome Outcome { get; init; }

    /// <summary>The edited message, positioned at 0, when the content changed; otherwise <see langword="null"/>.</summary>
    public Stream? Mime { get; init; }

    /// <summary>With <see cref="ProcessingOutcome.Split"/>: the recipients that stay on this item.</summary>
    public IReadOnlyList<string> SplitRecipients { get; init; } = Array.Empty<string>();

    /// <summary>Envelope changes (add recipient, BCC, redirect) the host performs for this item.</summary>
    public IReadOnlyList<RecipientAction> EnvelopeChanges { get; init; } = Array.Empty<RecipientAction>();

    /// <summary>Why the item is deferred or left unchanged after a failure; empty otherwise.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>With <see cref="ProcessingOutcome.Defer"/>: how long the host waits before retrying the message.</summary>
    public TimeSpan RetryAfter { get; init; }

    /// <summary>The evaluation trace, when evaluation ran.</summary>
    public EvaluationTrace? Trace { get; init; }

    /// <summary>This result with another trace (the trace reconciled with what happened to the actions).</summary>
    internal ProcessingResult WithTrace(EvaluationTrace? trace) => new()
    {
        Outcome = Outcome,
        Mime = Mime,
        SplitRecipients = SplitRecipients,
        EnvelopeChanges = EnvelopeChanges,
        Reason = Reason,
        RetryAfter = RetryAfter,
        Trace = trace,
        ActionOutcomes = ActionOutcomes,
    };

    /// <summary>What happened to each action of the copy on this item (content actions as the editor reports them; delete and envelope changes as left to the host).</summary>
    public IReadOnlyList<ActionOutcome> ActionOutcomes { get; init; } = Array.Empty<ActionOutcome>();
}
