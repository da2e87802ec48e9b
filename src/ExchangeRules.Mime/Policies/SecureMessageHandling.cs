namespace ExchangeRules.Mime.Policies;

/// <summary>What the editor does with S/MIME or PGP signed or encrypted messages.</summary>
public enum SecureMessageHandling
{
    /// <summary>Leave the message byte-identical (the default); every action is reported as skipped.</summary>
    LeaveUnchanged = 0,

    /// <summary>
    /// Exchange-style wrap: body insertions produce a new message that carries the inserted block and the
    /// original message, untouched, as an attachment. Subject and header actions apply to the new envelope.
    /// </summary>
    Wrap = 1,
}
