namespace ExchangeRules.Mime.Policies;

/// <summary>
/// Which kinds of message a rule may change. The defaults leave special messages alone; a rule can opt in
/// (see <see cref="MessageEditorOptions.RulePolicies"/>). Calendar (<c>text/calendar</c>) and report
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

    /// <summary>Creates an independent copy.</summary>
    public EditingPolicy Clone() => (EditingPolicy)MemberwiseClone();
}
