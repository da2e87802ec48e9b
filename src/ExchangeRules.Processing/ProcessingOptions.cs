using System;
using ExchangeRules.Engine.Actions;

namespace ExchangeRules.Processing;

/// <summary>
/// Limits and policies of the message processor. A message over a limit passes unchanged with a log entry;
/// hostile input never costs more than these bounds.
/// </summary>
public sealed class ProcessingOptions
{
    /// <summary>The defaults used when the configuration says nothing.</summary>
    public static ProcessingOptions Default { get; } = new();

    /// <summary>Messages larger than this (in bytes) are not processed. Default 25 MiB.</summary>
    public long MaxMessageBytes { get; init; } = 25L * 1024 * 1024;

    /// <summary>The time one message may take; over it the message passes unchanged. Default 10 seconds.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The match timeout given to every regular expression when rules load. Default 100 ms.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Messages nested deeper than this (multiparts and attached messages) are never edited. Default 32.</summary>
    public int MaxMimeDepth { get; init; } = 32;

    /// <summary>How long a message deferred by a failing required rule waits before Exchange retries it. Default 5 minutes.</summary>
    public TimeSpan DeferRetryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Edited messages up to this size (in bytes) are built in memory; larger ones are spooled to a temporary
    /// file in <see cref="SpoolFolder"/>, so a large message's attachments are never held in memory. Default 4 MiB.
    /// </summary>
    public long InMemoryEditLimitBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Where large edited messages are spooled; <see langword="null"/> for the process's temporary folder.</summary>
    public string? SpoolFolder { get; init; }

    /// <summary>What happens when a failure cannot be tied to one action (for example rule evaluation throwing).</summary>
    public FailurePolicy DefaultFailurePolicy { get; init; } = FailurePolicy.FailOpen;

    /// <summary>Whether subjects and other message content may appear in logs (debug logging only).</summary>
    public bool LogMessageContent { get; init; }
}
