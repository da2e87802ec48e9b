using System.Collections.Generic;

namespace ExchangeRules.Harness.Transport;

/// <summary>The result of a <see cref="HandlerPipeline"/> run.</summary>
public sealed class HandlerPipelineRun
{
    private readonly List<HandlerStep> _steps = new();

    /// <summary>Every event of every item, in order.</summary>
    public IReadOnlyList<HandlerStep> Steps => _steps;

    /// <summary>The items (one per copy after forks) that leave the categorizer.</summary>
    public List<TransportItem> Delivered { get; } = new();

    /// <summary>Items still deferred after the retries, with their original content.</summary>
    public List<TransportItem> Queued { get; } = new();

    internal void Add(HandlerStep step) => _steps.Add(step);
}
