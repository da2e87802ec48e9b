namespace ExchangeRules.Mime;

/// <summary>
/// The one definition of the hostile-input limits. The processor's options, the agent configuration defaults and the
/// editor's options all start from these values (docs/configuration.md and docs/message-editing.md list the same).
/// Over a limit the body is not read or changed; header-level actions still apply, and a fail-closed rule that needed
/// the body defers the message.
/// </summary>
public static class MessageLimits
{
    /// <summary>
    /// The largest message whose body is read and edited: 50 MiB. Above Exchange's default receive connector limit
    /// (36 MB with encoding overhead), so a message any default Exchange accepts is stamped; parts are streamed from the
    /// message and edited copies are spooled to disk, so memory does not grow with it.
    /// </summary>
    public const long MaxMessageBytes = 50L * 1024 * 1024;

    /// <summary>The deepest nesting of multiparts and attached messages whose body is read and edited: 32.</summary>
    public const int MaxMimeDepth = 32;

    /// <summary>The most MIME entities (parts, multiparts, attached messages) a message may have to be read and edited: 500.</summary>
    public const int MaxParts = 500;

    /// <summary>
    /// The largest header block (the message's or any part's) in bytes: 256 KiB, Exchange's default
    /// <c>MaxHeaderSize</c> of a receive connector (Set-ReceiveConnector).
    /// </summary>
    public const int MaxHeaderBytes = 256 * 1024;
}
