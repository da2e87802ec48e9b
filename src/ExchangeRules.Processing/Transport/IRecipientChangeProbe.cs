using System.IO;
using System.Threading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// Implemented by processors that know which rules in force can add or redirect recipients. The handler uses it at
/// OnSubmittedMessage (the only event where Exchange lets recipients be added): with no such rule nothing is
/// evaluated there, and otherwise only those rules are (<see cref="ProcessRecipientChanges"/>), so the content rules
/// run once per message, when the recipients are resolved. A processor that does not implement it is asked in full at
/// every submission and only its recipient changes are used.
/// </summary>
public interface IRecipientChangeProbe
{
    /// <summary>Whether any rule in force has an add-recipient, BCC or redirect action.</summary>
    bool MayChangeRecipients { get; }

    /// <summary>
    /// Evaluates only the rules that can change recipients and returns their changes
    /// (<see cref="ProcessingResult.EnvelopeChanges"/>), or a deferral when a fail-closed one of them failed; the
    /// content is never edited (<see cref="ProcessingResult.Mime"/> is <see langword="null"/>). Never throws.
    /// </summary>
    /// <param name="envelope">The SMTP envelope and how the message entered.</param>
    /// <param name="organization">The organisation model the host provides.</param>
    /// <param name="mime">The message; must be seekable; not disposed.</param>
    /// <param name="cancellationToken">Cancels when the host's time budget runs out.</param>
    ProcessingResult ProcessRecipientChanges(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken);
}
