using System;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Mime;

namespace ExchangeRules.Processing;

/// <summary>
/// Limits and policies of the message processor. Over a limit the body is neither read nor changed: header-level
/// actions still apply, and a fail-closed rule that needed the body defers the message. Hostile input never costs more
/// than these bounds. The limits' defaults are <see cref="MessageLimits"/>, the one definition the editor uses too.
/// </summary>
public sealed class ProcessingOptions
{
    /// <summary>The defaults used when the configuration says nothing.</summary>
    public static ProcessingOptions Default { get; } = new();

    /// <summary>Messages larger than this (in bytes) get header-level actions only. Default <see cref="MessageLimits.MaxMessageBytes"/> (50 MiB).</summary>
    public long MaxMessageBytes { get; init; } = MessageLimits.MaxMessageBytes;

    /// <summary>Messages with more MIME parts than this get header-level actions only. Default <see cref="MessageLimits.MaxParts"/> (500).</summary>
    public int MaxParts { get; init; } = MessageLimits.MaxParts;

    /// <summary>Messages with a header block (theirs or a part's) larger than this, in bytes, get header-level actions only. Default <see cref="MessageLimits.MaxHeaderBytes"/> (256 KiB).</summary>
    public int MaxHeaderBytes { get; init; } = MessageLimits.MaxHeaderBytes;

    /// <summary>The time one message may take; over it the message passes unchanged. Default 10 seconds.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The organisation key (<c>&lt;organizationKey&gt;</c>) the editor seals the stamp header with
    /// (<see cref="Transport.StampSeal"/>); <see langword="null"/> for the unsigned, origin-trusted header.
    /// </summary>
    public Transport.OrganizationKey? OrganizationKey { get; init; }

    /// <summary>The match timeout given to every regular expression when rules load. Default 100 ms.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Messages nested deeper than this (multiparts and attached messages) get header-level actions only. Default <see cref="MessageLimits.MaxMimeDepth"/> (32).</summary>
    public int MaxMimeDepth { get; init; } = MessageLimits.MaxMimeDepth;

    /// <summary>How long a message deferred by a failing required rule waits before Exchange retries it. Default 5 minutes.</summary>
    public TimeSpan DeferRetryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a failing fail-closed rule may keep a message deferred, counted from when this server received it
    /// (<see cref="Engine.Messages.MessageEnvelope.ReceivedAt"/>); then <see cref="AfterMaxDeferral"/> decides. Default
    /// 1 day: shorter than Exchange's default message expiration (2 days), so the sender hears why.
    /// </summary>
    public TimeSpan MaxDeferral { get; init; } = TimeSpan.FromDays(1);

    /// <summary>What happens once <see cref="MaxDeferral"/> has passed. Default <see cref="FailClosedExpiry.Reject"/>.</summary>
    public FailClosedExpiry AfterMaxDeferral { get; init; } = FailClosedExpiry.Reject;

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
