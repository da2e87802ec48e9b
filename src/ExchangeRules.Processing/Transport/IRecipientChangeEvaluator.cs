using System.IO;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// Implemented by processors that can evaluate a message for its recipient changes alone. At OnSubmittedMessage the
/// handler applies only the add, BCC and redirect actions (and a deferral); the content is edited once, at
/// OnResolvedMessage, so building the edited message at submission as well would be thrown away. A processor
/// that does not implement it is asked for a full <see cref="IMessageProcessor.Process"/> at submission.
/// </summary>
public interface IRecipientChangeEvaluator
{
    /// <summary>
    /// Evaluates the message like <see cref="IMessageProcessor.Process"/> but does not edit it: the result carries the
    /// envelope changes, the trace, a deferral or deletion as a full run would decide them, and no content.
    /// </summary>
    /// <param name="envelope">The SMTP envelope and how the message entered.</param>
    /// <param name="organization">The organisation model the host provides.</param>
    /// <param name="mime">The message; must be seekable; not disposed.</param>
    /// <param name="cancellationToken">Cancels when the host's time budget runs out.</param>
    ProcessingResult EvaluateRecipientChanges(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken);
}
