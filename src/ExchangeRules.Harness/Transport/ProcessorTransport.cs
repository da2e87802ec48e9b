using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;
using Serilog.Core;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// On-premises transport that runs the agent's own <see cref="TransportHandler"/> over an in-memory item through the
/// categorizer events (<see cref="HandlerPipeline"/>), without the Exchange runtime classes: fast in-process runs for
/// tests and the CLI that decide exactly as the agent does inside Exchange.
/// </summary>
public sealed class ProcessorTransport : IOnPremisesTransport
{
    private readonly HandlerPipeline _pipeline;
    private readonly long? _failWritesAfterBytes;

    /// <summary>Creates the transport.</summary>
    /// <param name="processor">The processor the agent would call.</param>
    /// <param name="maxDeferrals">How many immediate retries a deferred item gets before it stays queued.</param>
    /// <param name="organizationKey">The organisation key the agent signs markers with; by default the processor's (<see cref="IOrganizationKeySource"/>).</param>
    /// <param name="failWritesAfterBytes">Fault injection: content writes fail after this many bytes.</param>
    public ProcessorTransport(IMessageProcessor processor, int maxDeferrals = 2, OrganizationKey? organizationKey = null, long? failWritesAfterBytes = null)
    {
        if (processor is null)
        {
            throw new ArgumentNullException(nameof(processor));
        }

        var handler = new TransportHandler(processor, new TransportHandlerOptions
        {
            OrganizationKey = organizationKey ?? (processor as IOrganizationKeySource)?.OrganizationKey,
            Logger = Logger.None,
        });
        _pipeline = new HandlerPipeline(handler, maxDeferrals);
        _failWritesAfterBytes = failWritesAfterBytes;
    }

    /// <inheritdoc />
    public TransportRun Run(TransportItem item, OrganizationModel organization, CancellationToken cancellationToken)
    {
        if (item is null)
        {
            throw new ArgumentNullException(nameof(item));
        }

        var events = new List<string>();
        var run = _pipeline.Run(
            item,
            organization,
            recipients => Categorizer.ExpandGroups(organization, recipients, group => events.Add($"categorizer: expanded group {group} before OnResolvedMessage")),
            null,
            cancellationToken,
            _failWritesAfterBytes);
        foreach (var step in run.Steps)
        {
            events.AddRange(Describe(step.Handling));
        }

        // Built now, from loops that pass over the rules that did nothing without allocating for each, so the run
        // keeps no reference to the processor's results (they would outlive the run and survive collections).
        return new TransportRun(run.Delivered, run.Queued, events, agentRan: true, AppliedRules(run.Steps), IdleRulesOf(run.Steps));
    }

    /// <summary>The rules that acted in any step, in order, without repeats.</summary>
    internal static IReadOnlyList<string> AppliedRules(IReadOnlyList<HandlerStep> steps)
    {
        var applied = new List<string>();
        foreach (var step in steps)
        {
            var rules = step.Handling.Result?.Trace?.Rules;
            if (rules is null)
            {
                continue;
            }

            foreach (var rule in rules)
            {
                if (rule.Applied && !applied.Contains(rule.RuleName, StringComparer.Ordinal))
                {
                    applied.Add(rule.RuleName);
                }
            }
        }

        return applied;
    }

    /// <summary>The idle rules of every step (<see cref="IdleRules.Describe"/>), in order, without repeats.</summary>
    internal static IReadOnlyList<string> IdleRulesOf(IReadOnlyList<HandlerStep> steps)
    {
        var idle = new List<string>();
        foreach (var step in steps)
        {
            foreach (var line in IdleRules.Describe(step.Handling.Result))
            {
                if (!idle.Contains(line, StringComparer.Ordinal))
                {
                    idle.Add(line);
                }
            }
        }

        return idle;
    }

    /// <summary>One line per decision, the way the harness reports every transport: what the agent did in which event.</summary>
    internal static IEnumerable<string> Describe(TransportHandling handling)
    {
        var origin = handling.Origin;
        var at = handling.Event == TransportEvent.Routed ? " (forked copy, OnRoutedMessage)" : string.Empty;
        var result = handling.Result;
        var why = string.IsNullOrEmpty(handling.Reason) ? string.Empty : $" ({handling.Reason})";
        var rules = FiredRules(handling);
        switch (handling.Disposition)
        {
            case TransportDisposition.Skipped when handling.Marked:
                yield return $"seen as {origin}: {ProcessedMarker.Name} from an earlier crossing, not processed again";
                break;
            case TransportDisposition.Skipped when handling.Event == TransportEvent.Resolved:
                yield return $"skipped in OnResolvedMessage{why}";
                break;
            case TransportDisposition.Skipped:
                break;
            case TransportDisposition.Deferred:
                yield return $"processed as {origin}{at}: deferred, retrying with the original content{why}";
                break;
            case TransportDisposition.Deleted:
                yield return $"processed as {origin}{at}: deleted{rules}{why}";
                break;
            case TransportDisposition.Processed when handling.Event == TransportEvent.Submitted:
                if (handling.RecipientsAdded.Count > 0)
                {
                    yield return $"OnSubmittedMessage: added recipient(s) {string.Join(", ", handling.RecipientsAdded)}{rules}";
                }

                break;
            default:
                var content = handling.ContentWritten ? "changed" : "unchanged";
                var reason = result is null || string.IsNullOrEmpty(result.Reason) ? string.Empty : $" ({result.Reason})";
                yield return handling.ForkedOff.Count > 0
                    ? $"processed as {origin}{at}: fork, {handling.Recipients.Count} recipient(s) stay ({content}), {handling.ForkedOff.Count} go to a new item{rules}{reason}"
                    : $"processed as {origin}{at}: {content}{rules}{reason}";
                break;
        }

        foreach (var note in handling.Notes)
        {
            yield return "note: " + note;
        }
    }

    private static string FiredRules(TransportHandling handling)
    {
        var fired = handling.Result?.Trace?.Rules.Where(r => r.Applied).Select(r => r.RuleName).ToList();
        return fired is { Count: > 0 } ? " by rule(s) " + string.Join(", ", fired) : string.Empty;
    }
}
