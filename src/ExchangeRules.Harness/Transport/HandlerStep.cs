using System;
using System.Collections.Generic;
using ExchangeRules.Processing.Transport;

namespace ExchangeRules.Harness.Transport;

/// <summary>One event of one item in a <see cref="HandlerPipeline"/> run: the recipients it had and what the handler did.</summary>
public sealed class HandlerStep
{
    /// <summary>Creates the step.</summary>
    public HandlerStep(IReadOnlyList<string> recipientsBefore, TransportHandling handling)
    {
        RecipientsBefore = recipientsBefore ?? throw new ArgumentNullException(nameof(recipientsBefore));
        Handling = handling ?? throw new ArgumentNullException(nameof(handling));
    }

    /// <summary>The item's recipients when the event was raised.</summary>
    public IReadOnlyList<string> RecipientsBefore { get; }

    /// <summary>What the handler did.</summary>
    public TransportHandling Handling { get; }
}
