using System.IO;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Processing;

/// <summary>
/// The one entry point every host uses (the Exchange agent, the pipeline harness, <c>exrules apply</c>):
/// evaluate the rules for a message and edit it. Never throws for a bad message, rule or directory:
/// failures come back as <see cref="ProcessingOutcome.Unchanged"/> or <see cref="ProcessingOutcome.Defer"/>.
/// </summary>
public interface IMessageProcessor
{
    /// <summary>Processes one message (or one copy of it).</summary>
    /// <param name="envelope">The SMTP envelope and how the message entered.</param>
    /// <param name="organization">The organisation model the host provides.</param>
    /// <param name="mime">The message; must be seekable; not disposed.</param>
    /// <param name="cancellationToken">Cancels when the host's time budget runs out.</param>
    ProcessingResult Process(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken);
}
