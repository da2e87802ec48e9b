namespace ExchangeRules.Engine.Editing;

/// <summary>Which hostile-input limit made the editor leave a whole message unchanged.</summary>
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
}
