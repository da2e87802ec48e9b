using System.IO;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing;

namespace ExchangeRules.Agent;

/// <summary>Leaves every message unchanged: what the agent runs when no rule processor could be started.</summary>
internal sealed class PassThroughMessageProcessor : IMessageProcessor
{
    internal static readonly PassThroughMessageProcessor Instance = new();

    private PassThroughMessageProcessor()
    {
    }

    public ProcessingResult Process(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken) =>
        new() { Outcome = ProcessingOutcome.Unchanged, Reason = "No rule processor is running; messages pass unchanged." };
}
