using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Actions;

namespace ExchangeRules.Engine.Editing;

/// <summary>What happened to one action.</summary>
public sealed class ActionOutcome
{
    /// <summary>Creates an outcome.</summary>
    public ActionOutcome(PlannedAction action, ActionStatus status, string detail)
    {
        Action = action;
        Status = status;
        Detail = detail;
    }

    /// <summary>The action.</summary>
    public PlannedAction Action { get; }

    /// <summary>Applied, skipped or failed.</summary>
    public ActionStatus Status { get; }

    /// <summary>Why, in words an admin understands (for example "skipped: signature already present").</summary>
    public string Detail { get; }

    /// <summary>
    /// For content placed under the newest reply: where it went in each body part and which marker decided (empty for
    /// other actions and placements).
    /// </summary>
    public IReadOnlyList<PartPlacement> Placements { get; init; } = Array.Empty<PartPlacement>();
}
