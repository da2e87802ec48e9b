using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime.Policies;
using ExchangeRules.Mime.Tnef;
using ExchangeRules.Mime.Writing;
using MimeKit;
using MimeKit.Utils;

namespace ExchangeRules.Mime;

/// <summary>One application of a list of actions to one copy of a message.</summary>
internal sealed class EditSession
{
    private const MessageTraits _secureTraits = MessageTraits.Signed | MessageTraits.Encrypted;
    private const MessageTraits _reportTraits = MessageTraits.ReadReceipt | MessageTraits.DeliveryReport;
    private const MessageTraits _meetingTraits = MessageTraits.MeetingRequest | MessageTraits.MeetingResponse;

    private const int _writeBufferSize = 8 * 1024;

    // Read only (a session replaces it with the stamps its message proves): one empty set for every session.
    private static readonly ISet<string> _noStamps = new HashSet<string>();

    // Shared like FormatOptions.Default, which MimeKit only reads while writing: a clone per message allocated a header set.
    private static readonly FormatOptions _dosFormat = FormatWith(NewLineFormat.Dos);
    private static readonly FormatOptions _unixFormat = FormatWith(NewLineFormat.Unix);
    private readonly MessageEditorOptions _options;
    private readonly MimeMessageContent _content;
    private readonly EditBudget _budget;
    private readonly HashSet<string> _stampedRules = new(StringComparer.OrdinalIgnoreCase);
    private readonly RentedBuffers _rented = new();
    private MimeMessage _message = null!;
    private MimeMessage? _original; // the message a wrap attached byte for byte: disposed with the wrapper
    private SourceLayout _layout = null!;
    private MessageTraits _traits;
    private bool _isSystem;
    private bool _wrapped;
    private bool _changed;
    private ISet<string> _earlierStamps = _noStamps;
    private EditingPolicy? _currentPolicy; // the policy of the action being applied (its rule's specialMessages option)

    // A Summary TNEF message (application/ms-tnef is its body): its TNEF body is opened when the first content
    // insertion needs it; insertions edit the TNEF bodies, which replace the part's content only once written and checked.
    private MimePart? _tnefPart;
    private SummaryTnefBody? _tnef;
    private string? _tnefProblem;
    private HashSet<string>? _tnefStampedRules; // made when a TNEF body is first stamped

    // Set when the message is over a limit (or its body cannot be parsed): only the top-level header block is changed,
    // and the body is copied from the source byte for byte.
    private EditLimit _bodyLimit;
    private string _bodyLimitDetail = string.Empty;

    public EditSession(MessageEditorOptions options, MimeMessageContent content)
        : this(options, content, System.Threading.CancellationToken.None)
    {
    }

    public EditSession(MessageEditorOptions options, MimeMessageContent content, System.Threading.CancellationToken cancellation)
    {
        _options = options;
        _content = content;
        _budget = new EditBudget(options.TimeBudget, cancellation);
    }

    public EditResult Run(IReadOnlyList<PlannedAction> actions, Stream destination)
    {
        try
        {
            return RunWithinBudget(actions, destination);
        }
        catch (EditBudgetExceededException)
        {
            // Thrown from inside a loop; whatever was edited so far is discarded and nothing has been written.
            var outcomes = actions.Select(action => new ActionOutcome(action, ActionStatus.Skipped, IsEnvelopeOnly(action)
                ? _envelopeOnly
                : BudgetExceeded)).ToList();
            return new EditResult(false, outcomes, EditLimit.TimeBudget);
        }
        finally
        {
            // The edited message has been written (or abandoned): nothing reads its spliced contents any more.
            _rented.ReturnAll();
            ReleaseMessage();
        }
    }

    /// <summary>
    /// Disposes the message model this edit parsed, took over or built. MimeKit's messages, entities and contents have
    /// finalizers: one not disposed keeps its whole model (every header, part and content) alive through the next
    /// collection, so at message rates every gen0 collection promotes megabytes and becomes a gen1 one. The source
    /// stream stays open: persistent parsing bounds it with leaveOpen, and so does the wrap of a signed message.
    /// </summary>
    private void ReleaseMessage()
    {
        _original?.Dispose();
        _message?.Dispose();
    }

    private const string _envelopeOnly = "skipped: envelope actions (blind copies, redirects, delete) are performed by the host, not the message editor";

    /// <summary>
    /// Whether the action changes only the envelope. Adding a visible recipient also changes the message: the host
    /// adds the envelope recipient and the editor the Cc header.
    /// </summary>
    private static bool IsEnvelopeOnly(PlannedAction action) =>
        action is DeleteMessageAction || action is RecipientAction { Change: not RecipientChange.Add };

    private string BudgetExceeded => $"skipped: the time budget of {_options.TimeBudget.TotalSeconds:0.###} s per message was exceeded; message left unchanged";

    private EditResult RunWithinBudget(IReadOnlyList<PlannedAction> actions, Stream destination)
    {
        var outcomes = new ActionOutcome?[actions.Count];
        var editable = new List<int>();
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            if (IsEnvelopeOnly(action))
            {
                outcomes[i] = new ActionOutcome(action, ActionStatus.Skipped, _envelopeOnly);
            }
            else if (action is null)
            {
                throw new ArgumentException("The action list contains a null entry.", nameof(actions));
            }
            else
            {
                editable.Add(i);
            }
        }

        if (editable.Count == 0)
        {
            return Result(false, outcomes);
        }

        var refusal = Prepare(out var refusalStatus, out var limit);
        if (refusal is not null)
        {
            foreach (var i in editable)
            {
                outcomes[i] = new ActionOutcome(actions[i], refusalStatus, refusal);
            }

            return Result(false, outcomes, limit);
        }

        foreach (var i in editable)
        {
            if (OverBudget())
            {
                return Abandon(actions, editable, outcomes, BudgetExceeded, limit: EditLimit.TimeBudget);
            }

            outcomes[i] = ApplyIsolated(actions[i]);
        }

        if (_tnefStampedRules is { Count: > 0 })
        {
            CommitTnef(outcomes);
        }

        if (!_changed)
        {
            return Result(false, outcomes, _bodyLimit);
        }

        if (OverBudget())
        {
            return Abandon(actions, editable, outcomes, BudgetExceeded, limit: EditLimit.TimeBudget);
        }

        // Only stamps proven by a trusted header are carried forward; a forged header is dropped. A sealed header is
        // always written again: its seal covers the headers as they leave this edit.
        var seal = _options.StampSeal;
        if (_stampedRules.Count > 0 || !_content.TrustsStampHeader || seal is not null)
        {
            // The earlier stamps first, then this edit's: Write keeps the first of names equal but for case, as a set
            // made of both in this order did.
            StampHeader.Write(_message.Headers, _earlierStamps.Concat(_stampedRules), seal);
        }

        try
        {
            var format = _content.NewLine == NewLineFormat.Dos ? _dosFormat : _unixFormat;
            if (destination is MemoryStream or FileStream)
            {
                // Memory streams (the processor's pooled buffer derives from MemoryStream) take small writes cheaply,
                // and file streams buffer them: another buffer would copy the whole message once more.
                Write(format, destination);
            }
            else
            {
                // MimeKit writes a header line or a content chunk per call: other streams (Exchange's MIME write
                // stream, a network stream) pay a fixed cost per call, so the calls are gathered first.
                // The buffer is flushed, not disposed: disposing it would close the host's stream.
                var buffered = new BufferedStream(destination, _writeBufferSize);
                Write(format, buffered);
                buffered.Flush();
            }
        }
        catch (Exception ex) when (ex is IOException or FormatException or NotSupportedException or ObjectDisposedException or InvalidOperationException)
        {
            return Abandon(actions, editable, outcomes, $"failed: the edited message could not be written ({ex.GetType().Name}: {ex.Message}); deliver the original", ActionStatus.Failed);
        }

        return Result(true, outcomes, _bodyLimit);
    }

    private static FormatOptions FormatWith(NewLineFormat newLine)
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = newLine;
        return format;
    }

    /// <summary>
    /// What the edit left as parsed is copied from the source; a wrapped message is all new and written by MimeKit. A
    /// message whose body is over a limit gets its new header block and then its body copied as it is.
    /// </summary>
    private void Write(FormatOptions format, Stream destination)
    {
        if (_bodyLimit != EditLimit.None)
        {
            // HeaderList.WriteTo ends the block with its blank line; the source's body follows it.
            _message.Headers.WriteTo(format, destination);
            _content.Source.Position = _content.BodyStart;
            _content.Source.CopyTo(destination, 81920);
            return;
        }

        SourceSplicingWriter.Write(_message, _content.Source, _layout, format, destination);
    }

    private static EditResult Result(bool changed, ActionOutcome?[] outcomes, EditLimit limit = EditLimit.None) => new(changed, outcomes.Select(o => o!).ToList(), limit);

    private static EditResult Abandon(IReadOnlyList<PlannedAction> actions, List<int> editable, ActionOutcome?[] outcomes, string detail, ActionStatus status = ActionStatus.Skipped, EditLimit limit = EditLimit.None)
    {
        foreach (var i in editable)
        {
            outcomes[i] = new ActionOutcome(actions[i], status, detail);
        }

        return Result(false, outcomes, limit);
    }

    private bool OverBudget() => _budget.IsExceeded;

    /// <summary>
    /// Checks limits and parses the message; returns why nothing may be changed, or <see langword="null"/>. A message over
    /// a limit, or whose body cannot be parsed, is not refused: its header block alone is edited (see <see cref="Write"/>).
    /// </summary>
    private string? Prepare(out ActionStatus status, out EditLimit limit)
    {
        status = ActionStatus.Skipped;
        limit = EditLimit.None;
        if (_content.HeaderError is not null || _content.BodyStart < 0)
        {
            status = ActionStatus.Failed;
            limit = EditLimit.Unparsable;
            return $"failed: the message header could not be parsed ({_content.HeaderError?.Message}); message left unchanged";
        }

        if (_content.Limit != EditLimit.None)
        {
            PrepareHeaderOnly(_content.Limit, _content.LimitDetail);
            return null;
        }

        if (_content.ParseError is { } parseError)
        {
            // The parse that checked the limits failed: parsing again would fail the same way.
            PrepareHeaderOnly(EditLimit.Unparsable, $"the message body could not be parsed ({parseError.Message})");
            return null;
        }

        MessageTraits? knownTraits;
        try
        {
            // The message evaluation already parsed is reused (once: copies of a message are edited separately).
            (_message, _layout) = _content.TakeParsedMessage(out knownTraits) ?? _content.ParseFresh();
        }
        catch (Exception ex) when (ex is FormatException or IOException or ArgumentException or NotSupportedException or ParseException)
        {
            PrepareHeaderOnly(EditLimit.Unparsable, $"the message body could not be parsed ({ex.Message})");
            return null;
        }

        var trusted = _content.TrustsStampHeader;

        // The traits evaluation read from this very message (same headers and structure, nothing edited yet) are
        // reused: walking the structure again (the inline-PGP scan of the text parts) cost as much as a rule set.
        _traits = knownTraits ?? (MessageTraitDetector.FromHeaders(_message.Headers, _message.Subject ?? string.Empty, trusted) | MessageTraitDetector.FromStructure(_message, trusted));
        _isSystem = MessageTraitDetector.IsSystemMessage(_message.Headers, trusted);
        _earlierStamps = StampHeader.ReadTrustedRuleNames(_message.Headers, _options.StampSeal, _content.TrustsStampHeader);
        _tnefPart = (_traits & MessageTraits.Tnef) != 0 ? SummaryTnefBody.FindPart(_message) : null;
        return null;
    }

    /// <summary>Edits only the top-level header block: a message whose body is over a limit keeps its body byte for byte.</summary>
    private void PrepareHeaderOnly(EditLimit limit, string detail)
    {
        _bodyLimit = limit;
        _bodyLimitDetail = detail;
        _message = HeaderOnlyMessage(_content.Headers);
        var trusted = _content.TrustsStampHeader;
        _traits = MessageTraitDetector.FromHeaders(_message.Headers, _message.Subject ?? string.Empty, trusted) | MessageTraitDetector.FromTopLevelType(_message.Headers, trusted);
        _isSystem = MessageTraitDetector.IsSystemMessage(_message.Headers, trusted);
        _earlierStamps = StampHeader.ReadTrustedRuleNames(_message.Headers, _options.StampSeal, _content.TrustsStampHeader);
    }

    private static MimeMessage HeaderOnlyMessage(HeaderList headers)
    {
        var message = new MimeMessage();
        message.Headers.Clear();
        foreach (var header in headers)
        {
            message.Headers.Add(header.Clone());
        }

        return message;
    }

    private ActionOutcome ApplyIsolated(PlannedAction action)
    {
        try
        {
            var refusal = PolicyRefusal(action);
            if (refusal is not null)
            {
                return new ActionOutcome(action, ActionStatus.Skipped, refusal);
            }

            if (_bodyLimit != EditLimit.None && action is not (SubjectAction or HeaderAction))
            {
                return new ActionOutcome(action, ActionStatus.Skipped, $"skipped: the body was not changed because {_bodyLimitDetail}; header-level actions still apply");
            }

            return action switch
            {
                InsertContentAction insert when _tnef is { Format: TnefBodyFormat.Rtf } => TnefRtfInserter.Insert(insert, _tnef, TrustsBodyBlockText, plain => new ContentInserter(_options, this).Insert(plain), RecordStamp),
                InsertContentAction insert => new ContentInserter(_options, this).Insert(insert),
                SubjectAction subject => HeaderEdits.Subject(_message, subject, MarkChanged),
                HeaderAction header => HeaderEdits.Header(_message, header, MarkChanged),
                RecipientAction recipient => HeaderEdits.AddCc(_message, recipient, MarkChanged),
                RemoveAttachmentsAction remove => AttachmentEdits.Remove(_message, remove, MarkChanged),
                AddAttachmentAction add => AttachmentEdits.Add(_message, add, MarkChanged),
                _ => new ActionOutcome(action, ActionStatus.Skipped, $"skipped: the message editor does not perform {action.GetType().Name}"),
            };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException and not EditBudgetExceededException)
        {
            return new ActionOutcome(action, ActionStatus.Failed, $"failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private string? PolicyRefusal(PlannedAction action)
    {
        var policy = _currentPolicy = _options.PolicyFor(action);
        if (!_content.TrustsStampHeader && action is SubjectAction or HeaderAction)
        {
            // A body exemption never removes a header-level action from mail that came from outside: the subject tag and
            // the header of an external-sender rule go on signed mail, reports and anything else a sender can make up.
            return null;
        }

        var changesBody = action is InsertContentAction or RemoveAttachmentsAction or AddAttachmentAction;
        if ((_traits & _secureTraits) != 0 && !_wrapped)
        {
            if (policy.SecureMessages == SecureMessageHandling.LeaveUnchanged)
            {
                return "skipped: signed or encrypted message left byte-identical (policy SecureMessages=LeaveUnchanged)";
            }

            if (action is RemoveAttachmentsAction or AddAttachmentAction)
            {
                return "skipped: attachments of a signed or encrypted message are never changed";
            }
        }

        if ((_traits & _reportTraits) != 0 && (changesBody || !policy.EditReports))
        {
            return changesBody
                ? "skipped: delivery and read reports (multipart/report) are never modified"
                : "skipped: delivery or read report left unchanged (policy EditReports=false)";
        }

        if ((_traits & MessageTraits.AutoReply) != 0 && !policy.StampAutoReplies)
        {
            return "skipped: automatic reply left unchanged (policy StampAutoReplies=false)";
        }

        if (_isSystem && !policy.StampSystemMessages)
        {
            return "skipped: system-generated message left unchanged (policy StampSystemMessages=false)";
        }

        if (action is InsertContentAction && (_traits & _meetingTraits) != 0 && !policy.StampMeetingMessages)
        {
            return "skipped: meeting request or response left unchanged (policy StampMeetingMessages=false)";
        }

        if (action is InsertContentAction && (_traits & MessageTraits.Tnef) != 0)
        {
            return TnefRefusal(policy);
        }

        return null;
    }

    /// <summary>
    /// Why a content insertion may not change this TNEF message, or <see langword="null"/> when its Summary TNEF body
    /// is open for editing (<see cref="BodyToEdit"/>).
    /// </summary>
    private string? TnefRefusal(EditingPolicy policy)
    {
        if (_bodyLimit != EditLimit.None)
        {
            // The body is not read at all; the limit's own reason is reported.
            return null;
        }

        if (_tnefPart is null)
        {
            return "skipped: Outlook TNEF (winmail.dat) attachment next to a MIME body left unchanged: its TNEF body would need the stamp too, and stamping only the MIME text would half-stamp the message";
        }

        if (_tnef is null && _tnefProblem is null)
        {
            try
            {
                _tnef = SummaryTnefBody.Open(_tnefPart, _message.Headers["Content-Class"]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException)
            {
                _tnefProblem = $"skipped: Outlook TNEF (winmail.dat) message left unchanged: its TNEF stream cannot be decoded ({ex.GetType().Name}: {ex.Message})";
            }
        }

        if (_tnef is null)
        {
            return _tnefProblem;
        }

        if (_tnef.Refusal(policy) is { } refusal)
        {
            return refusal;
        }

        return null;
    }

    /// <summary>
    /// Writes the edited TNEF bodies into the part, once every insertion is done; when the stream cannot be written
    /// faithfully the part keeps its bytes and every insertion into it is reported as failed (header edits still apply).
    /// </summary>
    private void CommitTnef(ActionOutcome?[] outcomes)
    {
        byte[]? bytes;
        string? problem;
        try
        {
            bytes = _tnef!.Encode(out problem);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not StackOverflowException and not EditBudgetExceededException)
        {
            bytes = null;
            problem = $"{ex.GetType().Name}: {ex.Message}";
        }

        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i] is { Action: InsertContentAction, Status: ActionStatus.Applied } applied)
            {
                outcomes[i] = bytes is null
                    ? new ActionOutcome(applied.Action, ActionStatus.Failed, $"failed: the stamped Outlook TNEF (winmail.dat) body could not be written faithfully ({problem}); the TNEF part was left byte-identical")
                    : new ActionOutcome(applied.Action, ActionStatus.Applied, TnefDetail(applied.Detail)) { Placements = applied.Placements };
            }
        }

        if (bytes is null)
        {
            return;
        }

        ContentReplacement.Replace(_tnef!.Part, new MimeContent(new MemoryStream(bytes, writable: false)));
        _stampedRules.UnionWith(_tnefStampedRules!);
        _changed = true;
    }

    /// <summary>The MIME editing core's words for the parts, in the TNEF message's terms.</summary>
    private static string TnefDetail(string detail) =>
        "Summary TNEF (winmail.dat): " + detail
            .Replace("text/html (utf-8)", "the TNEF HTML body (PR_HTML)")
            .Replace("text/plain (utf-8)", "the TNEF plain body (PR_BODY)");

    private void MarkChanged() => _changed = true;

    internal MimeMessage Message => _message;

    /// <summary>
    /// The body content insertions go into: the message's MIME body, or for a Summary TNEF message the HTML and plain
    /// bodies of its TNEF stream as text parts (the same editing core places the block in both).
    /// </summary>
    internal MimeEntity? BodyToEdit => _tnef?.EditableBody ?? _message.Body;

    /// <summary>Whether insertions go into a Summary TNEF body rather than MIME parts (no MIME parts may be added).</summary>
    internal bool EditsTnefBody => _tnef is not null;

    /// <summary>Adds an inserted block's images to the Summary TNEF body as inline attachments.</summary>
    internal void AddTnefImages(IReadOnlyList<InlineImage> images) => _tnef?.AddImages(images);

    /// <summary>The time left for this message, checked inside the editing loops.</summary>
    internal EditBudget Budget => _budget;

    /// <summary>The pooled buffers behind this edit's spliced contents, returned when the session ends.</summary>
    internal RentedBuffers RentedBuffers => _rented;

    /// <summary>The line breaks of the message being edited, which the edited message keeps.</summary>
    internal NewLineFormat NewLine => _content.NewLine;

    /// <summary>Whether a trusted <see cref="StampHeader"/> says an earlier hop stamped with this rule (see <see cref="StampHeader.ReadTrustedRuleNames"/>).</summary>
    internal bool TrustsEarlierStamp(string ruleName) => _earlierStamps.Contains(ruleName);

    /// <summary>
    /// Whether our marker of this rule found in the body (the <c>data-exr-rule</c> attribute, the <c>exr-</c> element id)
    /// proves an earlier stamp. With an organisation key only when a sealed header names the rule too: anyone can write
    /// the body, an insider included. Without a key only on mail from inside; from outside the sender wrote the body.
    /// </summary>
    internal bool TrustsBodyStamp(string ruleName) =>
        _options.StampSeal is null ? _content.TrustsStampHeader : _earlierStamps.Contains(ruleName);

    /// <summary>
    /// Whether the block's own text in the body means it is present (<c>skipIfPresent</c>; in plain text the block is
    /// its own fingerprint): only on mail from inside, key or not. This is how a signature the user's own Outlook
    /// already added is not added twice; from outside the sender wrote the text, so it never counts.
    /// </summary>
    internal bool TrustsBodyBlockText => _content.TrustsStampHeader;

    /// <summary>
    /// Whether a <c>multipart/signed</c> or <c>multipart/report</c> is stamped like <c>multipart/mixed</c>: on mail from
    /// outside whose structure did not prove to be a signature or a report (see <see cref="SecurityStructure"/>).
    /// </summary>
    internal bool EntersUnprovenStructures => !_content.TrustsStampHeader && (_traits & (_secureTraits | _reportTraits)) == 0;

    internal bool NeedsWrap(string ruleName) =>
        (_traits & _secureTraits) != 0 && !_wrapped && (_currentPolicy ?? _options.PolicyFor(ruleName)).SecureMessages == SecureMessageHandling.Wrap;

    internal void RecordStamp(string ruleName)
    {
        if (_tnef is not null)
        {
            // Counted only once the TNEF stream has been written and checked (CommitTnef).
            (_tnefStampedRules ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(ruleName);
            return;
        }

        _stampedRules.Add(ruleName);
        _changed = true;
    }

    /// <summary>Exchange-style wrap: a new message carries the stamp; the original is attached byte for byte.</summary>
    internal void Wrap()
    {
        var original = _message;
        _original = original;
        var wrapper = new MimeMessage();
        wrapper.Headers.Clear();
        foreach (var header in original.Headers)
        {
            if (header.Id is HeaderId.From or HeaderId.Sender or HeaderId.ReplyTo or HeaderId.To or HeaderId.Cc
                or HeaderId.Subject or HeaderId.Date or HeaderId.InReplyTo or HeaderId.References or HeaderId.Importance
                or HeaderId.XPriority or HeaderId.ReturnPath or HeaderId.Received)
            {
                wrapper.Headers.Add(header.Clone());
            }
        }

        var domain = original.From.Mailboxes.Select(m => m.Domain).FirstOrDefault(d => !string.IsNullOrEmpty(d)) ?? "localhost";
        wrapper.MessageId = MimeUtils.GenerateMessageId(domain);
        var originalBytes = new MimeKit.IO.BoundStream(_content.Source, _content.Start, _content.Source.Length, leaveOpen: true);
        var attached = new MimePart("message", "rfc822")
        {
            Content = new MimeContent(originalBytes),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "original-message.eml" },
        };
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = string.Empty },
            new TextPart("html") { Text = "<html><body></body></html>" },
        };
        wrapper.Body = new Multipart("mixed") { alternative, attached };
        _message = wrapper;
        _wrapped = true;
        _traits &= ~_secureTraits;
        _changed = true;
    }
}
