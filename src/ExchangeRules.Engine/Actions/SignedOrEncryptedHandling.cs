namespace ExchangeRules.Engine.Actions;

/// <summary>What a rule does with S/MIME or PGP signed or encrypted messages.</summary>
public enum SignedOrEncryptedHandling
{
    /// <summary>Leave the message byte-identical (the default).</summary>
    Leave = 0,

    /// <summary>
    /// Exchange-style wrap: a body insertion produces a new message that carries the inserted block and the
    /// original message, untouched, as an attachment.
    /// </summary>
    Wrap = 1,
}
