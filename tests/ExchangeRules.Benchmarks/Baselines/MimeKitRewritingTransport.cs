using System;
using System.Linq;
using System.Threading;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Transport;

namespace ExchangeRules.Benchmarks.Baselines;

/// <summary>
/// Target 5's baseline: on-premises transport with the reference agent (<see cref="MimeKitRewritingAgent"/>) installed,
/// run through the same model of Exchange as our agent (<see cref="HandlerPipeline"/>: the mail item, the categorizer
/// events, the item's read and write streams), so that only what the agents themselves do differs.
/// </summary>
internal sealed class MimeKitRewritingTransport : IOnPremisesTransport
{
    private static readonly string[] _events = { "reference agent: parsed and rewritten with MimeKit" };
    private readonly HandlerPipeline _pipeline = new(new MimeKitRewritingAgent());

    /// <inheritdoc />
    public TransportRun Run(TransportItem item, OrganizationModel organization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var run = _pipeline.Run(item, organization, recipients => Categorizer.ExpandGroups(organization, recipients), null, cancellationToken);
        if (!run.Steps.Any(step => step.Handling.ContentWritten))
        {
            throw new InvalidOperationException("The reference agent did not rewrite the message.");
        }

        return new TransportRun(run.Delivered, run.Queued, _events, agentRan: true);
    }
}
