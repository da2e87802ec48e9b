using System.Collections.Generic;

namespace ExchangeRules.Cli.Replay;

/// <summary>The result of replaying one message for one envelope recipient: what the agent did to that recipient's copy.</summary>
internal sealed class RecipientResult
{
    public required string Recipient { get; init; }

    /// <summary>Which copy of the message the recipient stayed on (1 = the original item; more when the rules split it).</summary>
    public required int Copy { get; init; }

    public required ReplayOutcome Outcome { get; init; }

    /// <summary>Why the copy was deferred or left unchanged after a failure; empty otherwise.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>The rules that applied to this recipient, in rule order.</summary>
    public required IReadOnlyList<string> Rules { get; init; }

    /// <summary>Why each rule of the file applied or not to this copy, by rule name (the decision trace).</summary>
    public required IReadOnlyDictionary<string, string> RuleReasons { get; init; }

    /// <summary>The blocks that were inserted (applied, not skipped) in this recipient's copy.</summary>
    public required IReadOnlyList<InsertedBlock> Blocks { get; init; }

    /// <summary>Every other action of the copy with its status, as <c>apply</c> prints them (for example <c>prepend to subject [EXT]: Applied</c>).</summary>
    public required IReadOnlyList<string> Actions { get; init; }

    /// <summary>The Subject the recipient receives (of the original when unchanged); <see langword="null"/> without one.</summary>
    public string? Subject { get; init; }

    /// <summary>Every header of the copy the recipient receives, by name, with its values in order.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; }
}
