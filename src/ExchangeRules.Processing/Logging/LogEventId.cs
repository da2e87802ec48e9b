namespace ExchangeRules.Processing.Logging;

/// <summary>
/// Stable event IDs, written as the <c>EventId</c> property of every log event and used as the Windows
/// event ID. Listed for admins in docs/troubleshooting.md; never renumber a value that shipped.
/// </summary>
internal enum LogEventId
{
    /// <summary>One message processed (the per-message summary).</summary>
    MessageProcessed = 1000,

    /// <summary>A delete action removed a message silently.</summary>
    MessageDeleted = 1001,

    /// <summary>A message split into copies with different treatment.</summary>
    MessageSplit = 1002,

    /// <summary>Our own X-ExchangeRules-* headers arrived on mail from outside and were removed.</summary>
    UntrustedHeadersRemoved = 1003,

    /// <summary>
    /// Content meant to go under the newest reply went to the end of a body part because no reply marker was found
    /// (Information for a new message, Warning when the message is a reply: a client shape the markers miss).
    /// </summary>
    PlacementWithoutMarker = 1004,

    /// <summary>Lab diagnostics: the facts of one transport event (configuration: diagnostics transportEvents="true").</summary>
    TransportEvent = 1100,

    /// <summary>Lab diagnostics: an assumption no Microsoft source states, with what this server showed.</summary>
    TransportAssumption = 1101,

    /// <summary>A message larger than the size limit passed unchanged.</summary>
    MessageTooLarge = 2001,

    /// <summary>A message exceeded the time budget and passed unchanged.</summary>
    TimeBudgetExceeded = 2002,

    /// <summary>A message nested deeper than the MIME depth limit passed unchanged.</summary>
    MimeTooDeep = 2003,

    /// <summary>The message is over the part-count or header-size limit, or its body cannot be parsed: only header-level actions applied.</summary>
    BodyNotEditable = 2006,

    /// <summary>The host cancelled processing; the message passed unchanged.</summary>
    ProcessingCancelled = 2004,

    /// <summary>A large edited message could not be spooled to a temporary file and was built in memory.</summary>
    SpoolUnavailable = 2005,

    /// <summary>The message could not be read (malformed MIME); it passed unchanged.</summary>
    MessageUnreadable = 3001,

    /// <summary>Rule evaluation failed (rule, directory or template error).</summary>
    EvaluationFailed = 3002,

    /// <summary>One action failed; the message was delivered without it (fail open).</summary>
    ActionFailed = 3003,

    /// <summary>Editing the message failed as a whole; the message passed unchanged (fail open).</summary>
    EditFailed = 3004,

    /// <summary>A required (fail-closed) rule failed; the message was deferred so Exchange retries.</summary>
    MessageDeferred = 3005,

    /// <summary>A required (fail-closed) rule kept failing past the maximum deferral; the message was rejected with a non-delivery report.</summary>
    MessageRejected = 3006,

    /// <summary>A required (fail-closed) rule kept failing past the maximum deferral; the message was delivered with the unapplied header, as configured.</summary>
    RequiredRuleAbandoned = 3007,

    /// <summary>An unexpected failure inside the processor; the message passed unchanged.</summary>
    UnexpectedFailure = 3099,

    /// <summary>The agent started; says which configuration and rules it runs with.</summary>
    AgentStarted = 4000,

    /// <summary>The agent configuration file is missing; running with defaults.</summary>
    ConfigurationMissing = 4001,

    /// <summary>The agent configuration file is invalid; running with no rules.</summary>
    ConfigurationInvalid = 4002,

    /// <summary>A rules file was loaded and is now in force.</summary>
    RulesLoaded = 4003,

    /// <summary>A rules file was rejected; the previous rules stay in force.</summary>
    RulesRejected = 4004,

    /// <summary>No rules are in force: every message passes unchanged.</summary>
    NoRules = 4005,

    /// <summary>The directory could not be set up or is unreachable.</summary>
    DirectoryUnavailable = 4006,

    /// <summary>No organisation key is configured: processed markers are unsigned and trusted by origin only.</summary>
    OrganizationKeyMissing = 4007,

    /// <summary>The agent failed to start a component; it runs without it.</summary>
    StartupFailure = 4099,
}
