using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Processing.Transport;

/// <summary>What <see cref="TransportHandler"/> did with one item in one event, for hosts that show it (harness, CLI).</summary>
public sealed class TransportHandling
{
    /// <summary>The event.</summary>
    public TransportEvent Event { get; init; }

    /// <summary>What happened to the item.</summary>
    public TransportDisposition Disposition { get; init; }

    /// <summary>How the message entered, as the handler read it.</summary>
    public SubmissionOrigin Origin { get; init; }

    /// <summary>The processor's result when the processor ran (its edited content already written and disposed).</summary>
    public ProcessingResult? Result { get; init; }

    /// <summary>The recipients that stayed on the item.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = Array.Empty<string>();

    /// <summary>The recipients forked off to a clone, which the host hands back at OnRoutedMessage.</summary>
    public IReadOnlyList<string> ForkedOff { get; init; } = Array.Empty<string>();

    /// <summary>Recipients added or redirected to at this event.</summary>
    public IReadOnlyList<string> RecipientsAdded { get; init; } = Array.Empty<string>();

    /// <summary>Whether the content of the item was rewritten.</summary>
    public bool ContentWritten { get; init; }

    /// <summary>Whether the processed marker is on the item (inside the content written, or through the header API).</summary>
    public bool Marked { get; init; }

    /// <summary>Why the item was skipped, deferred or deleted; empty otherwise.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Warnings about this item (also logged).</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();
}
