using ExchangeRules.Engine.Actions;

namespace ExchangeRules.Mime.Policies;

/// <summary>
/// Which kinds of message a rule may change. The defaults leave special messages alone; a rule opts in with its
/// <c>&lt;specialMessages&gt;</c> option (carried on each action as <see cref="PlannedAction.SpecialMessages"/>), and
/// hosts can override per rule in code (see <see cref="MessageEditorOptions.RulePolicies"/>). Calendar (<c>text/calendar</c>) and report
/// (<c>multipart/report</c>) parts themselves are never modified, whatever the policy.
/// </summary>
public sealed class EditingPolicy
{
    /// <summary>A new default policy: special messages are not changed.</summary>
    public static EditingPolicy Default => new();

    /// <summary>What to do with signed or encrypted messages (default: leave unchanged).</summary>
    public SecureMessageHandling SecureMessages { get; set; } = SecureMessageHandling.LeaveUnchanged;

    /// <summary>Whether meeting requests and responses get body insertions in their text/plain and text/html parts (default: no).</summary>
    public bool StampMeetingMessages { get; set; }

    /// <summary>Whether automatic replies (out-of-office and similar) are changed (default: no).</summary>
    public bool StampAutoReplies { get; set; }

    /// <summary>Whether read receipts and delivery reports get subject or header changes (default: no; their bodies are never changed).</summary>
    public bool EditReports { get; set; }

    /// <summary>Whether system-generated messages (Auto-Submitted: auto-generated, Exchange-generated) are changed (default: no).</summary>
    public bool StampSystemMessages { get; set; }

    /// <summary>
    /// Whether an Outlook rich-text body inside Summary TNEF gets body insertions, at its top or bottom (default: yes;
    /// under the newest reply falls back to the bottom).
    /// </summary>
    public bool StampRtfBodies { get; set; } = true;

    /// <summary>Whether a Summary TNEF message with voting buttons gets body insertions (default: yes; its voting data is never changed).</summary>
    public bool StampVotingButtons { get; set; } = true;

    /// <summary>The editing policy a rule's <c>&lt;specialMessages&gt;</c> option asks for.</summary>
    internal static EditingPolicy From(SpecialMessagePolicy special) => new()
    {
        SecureMessages = special.SignedOrEncrypted == SignedOrEncryptedHandling.Wrap ? SecureMessageHandling.Wrap : SecureMessageHandling.LeaveUnchanged,
        StampMeetingMessages = special.StampMeetings,
        StampAutoReplies = special.StampAutoReplies,
        EditReports = special.EditReports,
        StampSystemMessages = special.StampSystemMessages,
        StampRtfBodies = special.StampRtfBodies,
        StampVotingButtons = special.StampVotingButtons,
    };

    /// <summary>Creates an independent copy.</summary>
    public EditingPolicy Clone() => (EditingPolicy)MemberwiseClone();
}
