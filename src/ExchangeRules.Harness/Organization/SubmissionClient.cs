namespace ExchangeRules.Harness.Organization;

/// <summary>
/// How a mailbox's mail enters on-premises transport, which decides the shape the agent sees at OnSubmittedMessage
/// (docs/hybrid.md, "How mailboxes submit").
/// </summary>
public enum SubmissionClient
{
    /// <summary>
    /// An SMTP client (a scanner, an application, a script, an IMAP/POP client) authenticating on the client
    /// receive connector: the message reaches transport as the MIME the client wrote.
    /// </summary>
    Smtp = 0,

    /// <summary>
    /// Outlook, OWA, Exchange ActiveSync or EWS: the message is saved in the mailbox and the Mailbox Transport
    /// Submission service hands it to transport as Summary TNEF (<c>application/ms-tnef</c>, body and attachments in
    /// the TNEF stream).
    /// </summary>
    Mailbox = 1,
}
