using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Mime.Markers;
using ExchangeRules.Mime.Policies;

namespace ExchangeRules.Mime;

/// <summary>
/// Settings of <see cref="MimeMessageEditor"/>: hostile-input limits, the reply marker list and the editing
/// policies. Beyond a limit the body is neither read nor changed: header-level actions (subject, headers) still apply,
/// body actions are skipped, and the edit result names the limit.
/// </summary>
public sealed class MessageEditorOptions
{
    /// <summary>New options with the default settings.</summary>
    public static MessageEditorOptions Default => new();

    /// <summary>The deepest MIME nesting whose body the editor reads and changes (default <see cref="MessageLimits.MaxMimeDepth"/>).</summary>
    public int MaxMimeDepth { get; set; } = MessageLimits.MaxMimeDepth;

    /// <summary>The most MIME parts a message may have for its body to be read and changed (default <see cref="MessageLimits.MaxParts"/>).</summary>
    public int MaxParts { get; set; } = MessageLimits.MaxParts;

    /// <summary>The largest message in bytes whose body the editor reads and changes (default <see cref="MessageLimits.MaxMessageBytes"/>).</summary>
    public long MaxMessageSize { get; set; } = MessageLimits.MaxMessageBytes;

    /// <summary>The largest header block in bytes, the message's or any part's (default <see cref="MessageLimits.MaxHeaderBytes"/>).</summary>
    public int MaxHeaderBytes { get; set; } = MessageLimits.MaxHeaderBytes;

    /// <summary>The time the editor may spend on one message before giving up and leaving it unchanged (default 10 s).</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest text line (in characters) of the plain-text rendering of an inserted block (default 76).</summary>
    public int PlainTextLineLength { get; set; } = 76;

    /// <summary>The quoted-history markers (default: <see cref="ReplyMarkerSet.Default"/>).</summary>
    public ReplyMarkerSet ReplyMarkers { get; set; } = ReplyMarkerSet.Default;

    /// <summary>
    /// Whether insertions under the newest reply decode the first lines of each part before the whole part (default
    /// true). Off only in tests that check the shortcut changes nothing.
    /// </summary>
    internal bool DecodePrefixFirst { get; set; } = true;

    // How much of each part is decoded first: a reply's newest part and the window the locators look past it fit in
    // this in most replies (an Outlook HTML head with its styles included). Settable for tests that force the limits.
    internal int HtmlPrefixBytes { get; set; } = 12 * 1024;

    // A smaller first top of the HTML part, tried before HtmlPrefixBytes: a short reply (a few paragraphs of Outlook's
    // markup, about 3.5 KB, and the 2 KB window past the marker) is decided there, with half the text decoded.
    internal int HtmlFirstPrefixBytes { get; set; } = 6 * 1024;

    internal int TextPrefixBytes { get; set; } = 4 * 1024;

    /// <summary>
    /// Seals and verifies <see cref="StampHeader"/> with the organisation key; <see langword="null"/> (no key) trusts an
    /// unsigned header, and our stamps in the body, on mail from inside the organisation only.
    /// </summary>
    public IStampSeal? StampSeal { get; set; }

    /// <summary>The policy for rules without their own entry in <see cref="RulePolicies"/>.</summary>
    public EditingPolicy DefaultPolicy { get; set; } = EditingPolicy.Default;

    /// <summary>Per-rule policies, keyed by rule name (case-insensitive).</summary>
    public IDictionary<string, EditingPolicy> RulePolicies { get; } = new Dictionary<string, EditingPolicy>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The policy that applies to a rule.</summary>
    public EditingPolicy PolicyFor(string ruleName) =>
        ruleName is not null && RulePolicies.TryGetValue(ruleName, out var policy) ? policy : DefaultPolicy;

    /// <summary>
    /// The policy for one action: the host's entry in <see cref="RulePolicies"/> for the action's rule when there is
    /// one (an override for hosts that configure policies in code), else the rule's own
    /// <c>&lt;specialMessages&gt;</c> option carried on the action, else <see cref="DefaultPolicy"/> when the rule
    /// has none (<see cref="SpecialMessagePolicy.Default"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is <see langword="null"/>.</exception>
    public EditingPolicy PolicyFor(PlannedAction action)
    {
        if (action is null)
        {
            throw new ArgumentNullException(nameof(action));
        }

        if (action.RuleName is not null && RulePolicies.TryGetValue(action.RuleName, out var policy))
        {
            return policy;
        }

        return ReferenceEquals(action.SpecialMessages, SpecialMessagePolicy.Default) ? DefaultPolicy : EditingPolicy.From(action.SpecialMessages);
    }

    /// <summary>Creates an independent copy (policies are copied too).</summary>
    public MessageEditorOptions Clone()
    {
        var clone = new MessageEditorOptions
        {
            MaxMimeDepth = MaxMimeDepth,
            MaxParts = MaxParts,
            MaxMessageSize = MaxMessageSize,
            MaxHeaderBytes = MaxHeaderBytes,
            TimeBudget = TimeBudget,
            PlainTextLineLength = PlainTextLineLength,
            ReplyMarkers = ReplyMarkers,
            DecodePrefixFirst = DecodePrefixFirst,
            HtmlPrefixBytes = HtmlPrefixBytes,
            HtmlFirstPrefixBytes = HtmlFirstPrefixBytes,
            TextPrefixBytes = TextPrefixBytes,
            DefaultPolicy = DefaultPolicy.Clone(),
            StampSeal = StampSeal,
        };
        foreach (var pair in RulePolicies)
        {
            clone.RulePolicies[pair.Key] = pair.Value.Clone();
        }

        return clone;
    }
}
