using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Harness.Topology;

namespace ExchangeRules.Harness.HybridCheck;

/// <summary>The result of sending one synthetic message through the simulated organisation.</summary>
public sealed class FlowReport
{
    /// <summary>Creates the report.</summary>
    public FlowReport(string name, string sender, string recipient, IReadOnlyList<DeliveredCopy> copies, string verdict, IReadOnlyList<string> advice)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Sender = sender ?? throw new ArgumentNullException(nameof(sender));
        Recipient = recipient ?? throw new ArgumentNullException(nameof(recipient));
        Copies = copies ?? throw new ArgumentNullException(nameof(copies));
        Verdict = verdict ?? throw new ArgumentNullException(nameof(verdict));
        Advice = advice ?? throw new ArgumentNullException(nameof(advice));
    }

    /// <summary>The flow, for example "cloud → internet".</summary>
    public string Name { get; }

    /// <summary>The synthetic sender.</summary>
    public string Sender { get; }

    /// <summary>The synthetic recipient.</summary>
    public string Recipient { get; }

    /// <summary>What happened to the message.</summary>
    public IReadOnlyList<DeliveredCopy> Copies { get; }

    /// <summary>Whether every copy crossed on-premises transport with the agent running (a forwarded copy: after the forward).</summary>
    public bool Processed => Copies.Count > 0 && Copies.All(c => c.ProcessedAsDelivered);

    /// <summary>Whether any copy bounced or stayed queued.</summary>
    public bool Failed => Copies.Any(c => c.Target is DeliveryTarget.Bounced or DeliveryTarget.Queued);

    /// <summary>The most on-premises crossings of any copy.</summary>
    public int Crossings => Copies.Count == 0 ? 0 : Copies.Max(c => c.Passes.Count);

    /// <summary>The rules that acted on any copy in any crossing (empty without rules or when none applies).</summary>
    public IReadOnlyList<string> AppliedRules => Copies.SelectMany(c => c.Passes).SelectMany(p => p.AppliedRules).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The rules whose conditions a copy met but that changed nothing on any copy in any crossing, each as
    /// <c>name (why)</c>: for example a signature whose rendered block was empty.
    /// </summary>
    public IReadOnlyList<string> IdleRules
    {
        get
        {
            var applied = new HashSet<string>(AppliedRules, StringComparer.Ordinal);
            return Copies.SelectMany(c => c.Passes).SelectMany(p => p.IdleRules)
                .Where(line => !applied.Any(rule => line.StartsWith(rule + " (", StringComparison.Ordinal)))
                .Distinct(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Why the agent did or did not process the message, in one sentence.</summary>
    public string Verdict { get; }

    /// <summary>What to change to get the flow processed (may include PowerShell).</summary>
    public IReadOnlyList<string> Advice { get; }
}
