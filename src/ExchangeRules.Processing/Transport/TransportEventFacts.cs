using System;

namespace ExchangeRules.Processing.Transport;

/// <summary>The facts of one transport event that a lab needs to see; unknown values stay <see langword="null"/>.</summary>
public sealed class TransportEventFacts
{
    /// <summary>The agent event, for example <c>OnSubmittedMessage</c>, <c>OnResolvedMessage</c>, <c>OnRoutedMessage</c>.</summary>
    public string EventName { get; set; } = string.Empty;

    /// <summary>The message's Message-ID header, to find the message in message tracking.</summary>
    public string? MessageId { get; set; }

    /// <summary>The top-level MIME content type (for example <c>multipart/alternative</c>, <c>application/ms-tnef</c>).</summary>
    public string? TopLevelContentType { get; set; }

    /// <summary>Whether Exchange reports a TNEF part (<c>MailItem.Message.TnefPart</c>); <see langword="null"/> when not asked.</summary>
    public bool? ExchangeReportsTnef { get; set; }

    /// <summary>How many envelope recipients the event showed.</summary>
    public int RecipientCount { get; set; }

    /// <summary>What the processor decided (Unchanged, Changed, Split, Delete, Defer), or why nothing ran (skipped).</summary>
    public string? Outcome { get; set; }

    /// <summary>Whether the item was forked for a per-recipient split.</summary>
    public bool Forked { get; set; }

    /// <summary>Whether the item was deferred.</summary>
    public bool Deferred { get; set; }

    /// <summary>Whether new content was written through the MIME write stream.</summary>
    public bool ContentWritten { get; set; }

    /// <summary>Whether the processed marker was present when the item was read back after the write; <see langword="null"/> when not checked.</summary>
    public bool? MarkerPresentAfterWrite { get; set; }

    /// <summary>How long the handler took for the event.</summary>
    public TimeSpan? Elapsed { get; set; }
}
