using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Actions;

namespace ExchangeRules.Engine.Editing;

/// <summary>What happened to one action.</summary>
public sealed class ActionOutcome
{
    private readonly Func<string>? _describePlacement;
    private string? _detail;

    /// <summary>Creates an outcome.</summary>
    public ActionOutcome(PlannedAction action, ActionStatus status, string detail)
    {
        Action = action;
        Status = status;
        _detail = detail;
    }

    /// <summary>
    /// Creates the outcome of content placed in the body whose detail only says where it went: it is worded when first
    /// read. Every stamped message gets one, and on the hot path nothing reads it (the log names applied actions
    /// without their detail); the report, the trace and diagnostics read it and get the same words as before.
    /// </summary>
    /// <param name="action">The action.</param>
    /// <param name="status">Applied, skipped or failed.</param>
    /// <param name="describePlacement">Words where the content went; pure, so a second call in a race gives the same text.</param>
    public ActionOutcome(PlannedAction action, ActionStatus status, Func<string> describePlacement)
    {
        Action = action;
        Status = status;
        _describePlacement = describePlacement ?? throw new ArgumentNullException(nameof(describePlacement));
    }

    /// <summary>The action.</summary>
    public PlannedAction Action { get; }

    /// <summary>Applied, skipped or failed.</summary>
    public ActionStatus Status { get; }

    /// <summary>Why, in words an admin understands (for example "skipped: signature already present").</summary>
    public string Detail => _detail ??= _describePlacement!();

    /// <summary>
    /// Whether <see cref="Detail"/> only describes where applied content went (no problem, no part left unchanged), so a
    /// summary that mentions only details worth an admin's attention can skip it without wording it.
    /// </summary>
    public bool IsPlacementDescription => _describePlacement is not null;

    /// <summary>
    /// For content placed under the newest reply: where it went in each body part and which marker decided (empty for
    /// other actions and placements).
    /// </summary>
    public IReadOnlyList<PartPlacement> Placements { get; init; } = Array.Empty<PartPlacement>();
}
