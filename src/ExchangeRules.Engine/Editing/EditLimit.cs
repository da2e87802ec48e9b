namespace ExchangeRules.Engine.Editing;

/// <summary>
/// Which hostile-input limit made the editor leave the message's body unchanged. Header-level actions (subject, headers)
/// are still applied; body actions are skipped, and a fail-closed rule among them defers the message.
/// </summary>
public enum EditLimit
{
    /// <summary>No limit was reached.</summary>
    None,

    /// <summary>The message is larger than the editor's size limit.</summary>
    MessageSize,

    /// <summary>Multiparts and attached messages nest deeper than the editor's depth limit.</summary>
    MimeDepth,

    /// <summary>The message has more MIME parts than the editor's part limit.</summary>
    PartCount,

    /// <summary>Editing took longer than the editor's time budget.</summary>
    TimeBudget,

    /// <summary>A header block (the message's or a part's) is larger than the editor's header size limit.</summary>
    HeaderSize,

    /// <summary>The message's structure could not be parsed, so its body cannot be changed.</summary>
    Unparsable,
}
