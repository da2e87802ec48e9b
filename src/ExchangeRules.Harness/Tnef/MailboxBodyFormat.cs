namespace ExchangeRules.Harness.Tnef;

/// <summary>The body format a mailbox client (Outlook, OWA) saved the message in, which decides the TNEF body property.</summary>
public enum MailboxBodyFormat
{
    /// <summary>HTML (Outlook's and OWA's default): PR_HTML, plus PR_BODY when the client also had a plain text.</summary>
    Html,

    /// <summary>Rich text: PR_RTF_COMPRESSED in LZFu form, plus PR_BODY.</summary>
    Rtf,

    /// <summary>Plain text: PR_BODY only.</summary>
    Plain,
}
