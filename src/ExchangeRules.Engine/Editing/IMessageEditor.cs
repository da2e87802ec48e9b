using System.Collections.Generic;
using System.IO;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Engine.Editing;

/// <summary>
/// Reads messages for evaluation and applies content actions to them. Implemented with MimeKit in
/// ExchangeRules.Mime; the engine itself never parses MIME.
/// </summary>
public interface IMessageEditor
{
    /// <summary>
    /// Opens a message for evaluation. The stream must be seekable and stays owned by the caller; the
    /// content is parsed lazily (headers first, the body only when asked). When the content is also
    /// <see cref="System.IDisposable"/>, dispose it once the message is handled: it may hold a parsed model with
    /// finalizers that would otherwise outlive the next garbage collection.
    /// </summary>
    /// <param name="mime">The message.</param>
    /// <param name="origin">How the message entered: our own stamp header is trusted only on internal mail.</param>
    IMessageContent Read(Stream mime, SubmissionOrigin origin);

    /// <summary>
    /// Applies the body, subject, header and attachment actions (envelope actions are the host's) and writes
    /// the edited message to <paramref name="destination"/> only when something changed.
    /// </summary>
    /// <param name="message">A message returned by <see cref="Read"/>.</param>
    /// <param name="actions">The actions for this copy, in rule order.</param>
    /// <param name="destination">Receives the edited message when <see cref="EditResult.Changed"/> is true.</param>
    EditResult Apply(IMessageContent message, IReadOnlyList<PlannedAction> actions, Stream destination);
}
