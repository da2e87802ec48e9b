namespace ExchangeRules.Engine.Actions;

/// <summary>
/// Which special messages a rule's actions may change, from the rule's <c>&lt;specialMessages&gt;</c> option. The
/// default leaves every special message alone. Calendar (<c>text/calendar</c>) and report (<c>multipart/report</c>)
/// parts themselves are never modified, whatever the policy.
/// </summary>
public sealed class SpecialMessagePolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="signedOrEncrypted">What to do with signed or encrypted messages.</param>
    /// <param name="stampMeetings">Whether meeting requests and responses get body insertions in their text parts.</param>
    /// <param name="stampAutoReplies">Whether automatic replies are changed.</param>
    /// <param name="editReports">Whether read receipts and delivery reports get subject or header changes (their bodies never change).</param>
    /// <param name="stampSystemMessages">Whether system-generated messages are changed.</param>
    /// <param name="stampRtfBodies">Whether an Outlook rich-text (RTF) body inside Summary TNEF gets body insertions (at its top or bottom).</param>
    /// <param name="stampVotingButtons">Whether a Summary TNEF message with voting buttons gets body insertions (its voting data is never changed).</param>
    public SpecialMessagePolicy(SignedOrEncryptedHandling signedOrEncrypted, bool stampMeetings, bool stampAutoReplies, bool editReports, bool stampSystemMessages, bool stampRtfBodies = true, bool stampVotingButtons = true)
    {
        StampRtfBodies = stampRtfBodies;
        StampVotingButtons = stampVotingButtons;
        SignedOrEncrypted = signedOrEncrypted;
        StampMeetings = stampMeetings;
        StampAutoReplies = stampAutoReplies;
        EditReports = editReports;
        StampSystemMessages = stampSystemMessages;
    }

    /// <summary>
    /// The policy of a rule without a <c>&lt;specialMessages&gt;</c> option: every special message is left unchanged.
    /// The message editor treats this very instance as "the rule says nothing" and applies its host's default policy.
    /// </summary>
    public static SpecialMessagePolicy Default { get; } = new(SignedOrEncryptedHandling.Leave, false, false, false, false);

    /// <summary>What to do with signed or encrypted messages.</summary>
    public SignedOrEncryptedHandling SignedOrEncrypted { get; }

    /// <summary>Whether meeting requests and responses get body insertions in their text/plain and text/html parts.</summary>
    public bool StampMeetings { get; }

    /// <summary>Whether automatic replies (out-of-office and similar) are changed.</summary>
    public bool StampAutoReplies { get; }

    /// <summary>Whether read receipts and delivery reports get subject or header changes.</summary>
    public bool EditReports { get; }

    /// <summary>Whether system-generated messages (Auto-Submitted: auto-generated, Exchange-generated) are changed.</summary>
    public bool StampSystemMessages { get; }

    /// <summary>
    /// Whether an Outlook rich-text body (PR_RTF_COMPRESSED inside a Summary TNEF part) gets body insertions: at its
    /// top or bottom, never under the newest reply (default: yes).
    /// </summary>
    public bool StampRtfBodies { get; }

    /// <summary>
    /// Whether a Summary TNEF message with voting buttons (PidLidVerbStream) gets body insertions; its voting data is
    /// never changed (default: yes).
    /// </summary>
    public bool StampVotingButtons { get; }
}
