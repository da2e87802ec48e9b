using System.Collections.Generic;
using System.IO;
using System.Threading;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Engine.Editing;

/// <summary>
/// A message editor that also stops when the host's token is cancelled (the message's processing budget is spent, or
/// Exchange gives up on the event), checked inside its loops rather than only between steps.
/// </summary>
public interface ICancellableMessageEditor : IMessageEditor
{
    /// <summary>As <see cref="IMessageEditor.Apply(IMessageContent, IReadOnlyList{PlannedAction}, Stream)"/>; a cancelled edit leaves the message unchanged and reports <see cref="EditLimit.TimeBudget"/>.</summary>
    EditResult Apply(IMessageContent message, IReadOnlyList<PlannedAction> actions, Stream destination, CancellationToken cancellationToken);
}
