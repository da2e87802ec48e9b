using System;
using Serilog;

namespace ExchangeRules.Processing.Transport;

/// <summary>Settings of <see cref="TransportHandler"/>; <see cref="TransportHandler.For"/> fills them from the processor's configuration.</summary>
public sealed class TransportHandlerOptions
{
    /// <summary>Signs and verifies the processed marker; <see langword="null"/> for the unsigned, origin-trusted marker.</summary>
    public OrganizationKey? OrganizationKey { get; init; }

    /// <summary>How long a deferred item waits when the processor does not say. Default 5 minutes.</summary>
    public TimeSpan DefaultDeferInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the processor may take before it is cancelled. Default 1 minute (the processor has its own, shorter budget).</summary>
    public TimeSpan ProcessingBudget { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Content a host exposes as a non-seekable stream is buffered in memory up to this size, in a temporary file above. Default 4 MiB.</summary>
    public long InMemoryLimitBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Where large content is spooled; <see langword="null"/> for the temporary folder.</summary>
    public string? SpoolFolder { get; init; }

    /// <summary>Receives what the handler skipped, could not do, deferred.</summary>
    public ILogger Logger { get; init; } = Serilog.Core.Logger.None;

    /// <summary>Where the per-event lab facts go (configuration: <c>&lt;diagnostics transportEvents="true"/&gt;</c>); off by default.</summary>
    public ITransportDiagnostics Diagnostics { get; init; } = TransportDiagnostics.Off;
}
