using System;
using System.Collections.Generic;

namespace ExchangeRules.Harness.HybridCheck;

/// <summary>Everything hybrid-check found.</summary>
public sealed class HybridCheckReport
{
    /// <summary>Creates the report.</summary>
    public HybridCheckReport(IReadOnlyList<FlowReport> flows, IReadOnlyList<string> commands, IReadOnlyList<string> bouncingObjects)
    {
        Flows = flows ?? throw new ArgumentNullException(nameof(flows));
        Commands = commands ?? throw new ArgumentNullException(nameof(commands));
        BouncingObjects = bouncingObjects ?? throw new ArgumentNullException(nameof(bouncingObjects));
    }

    /// <summary>One report per flow.</summary>
    public IReadOnlyList<FlowReport> Flows { get; }

    /// <summary>The PowerShell to run, deduplicated, in order.</summary>
    public IReadOnlyList<string> Commands { get; }

    /// <summary>Objects whose mail bounces in the current configuration, with the reason.</summary>
    public IReadOnlyList<string> BouncingObjects { get; }
}
