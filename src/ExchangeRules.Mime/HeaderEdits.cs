using System;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>Subject and header changes.</summary>
internal static class HeaderEdits
{
    private static readonly char[] _lineBreaks = { '\r', '\n' };
    private static readonly string[] _managedHeaders = { "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "MIME-Version", StampHeader.Name };

    public static ActionOutcome Subject(MimeMessage message, SubjectAction action, Action markChanged)
    {
        var tag = (action.Text ?? string.Empty).Trim();
        if (tag.Length == 0)
        {
            return new ActionOutcome(action, ActionStatus.Skipped, "skipped: the subject text is empty");
        }

        var subject = message.Subject ?? string.Empty;
        if (ShowsTag(subject, tag, action.Prepend))
        {
            // Never stack tags: "[EXT] Re: [EXT] ..." is as wrong as "[EXT] [EXT] ...".
            return new ActionOutcome(action, ActionStatus.Skipped, $"skipped: the subject already shows '{tag}'");
        }

        message.Subject = action.Prepend ? $"{tag} {subject}".TrimEnd() : $"{subject} {tag}".TrimStart();
        markChanged();
        return new ActionOutcome(action, ActionStatus.Applied, action.Prepend ? $"prepended '{tag}' to the subject" : $"appended '{tag}' to the subject");
    }

    /// <summary>
    /// Whether the tag is already where a reader sees it: among the first characters of the subject for a prefix (after
    /// reply and forward prefixes such as "RE: AW: "), among the last for a suffix. A tag a sender hid at the far end of a
    /// long subject does not count.
    /// </summary>
    private static bool ShowsTag(string subject, string tag, bool prepend)
    {
        var window = tag.Length + _tagWindow;
        if (subject.Length <= window)
        {
            return subject.IndexOf(tag, StringComparison.OrdinalIgnoreCase) >= 0;
        }

        return prepend
            ? subject.IndexOf(tag, 0, window, StringComparison.OrdinalIgnoreCase) >= 0
            : subject.IndexOf(tag, subject.Length - window, window, StringComparison.OrdinalIgnoreCase) >= 0;
    }

    // How far from its end of the subject an existing tag still counts: room for a few reply and forward prefixes.
    private const int _tagWindow = 24;

    public static ActionOutcome Header(MimeMessage message, HeaderAction action, Action markChanged)
    {
        var name = action.Name ?? string.Empty;
        if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
        {
            return new ActionOutcome(action, ActionStatus.Failed, $"failed: '{name}' is not a valid header name");
        }

        if (_managedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return new ActionOutcome(action, ActionStatus.Failed, $"failed: the header {name} is managed by the message editor and cannot be set by a rule");
        }

        var headers = message.Headers;
        var existing = headers.Where(h => string.Equals(h.Field, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (action.Value is null)
        {
            if (existing.Count == 0)
            {
                return new ActionOutcome(action, ActionStatus.Skipped, $"skipped: the message has no {name} header");
            }

            headers.RemoveAll(name);
            markChanged();
            return new ActionOutcome(action, ActionStatus.Applied, $"removed {existing.Count} {name} header(s)");
        }

        if (action.Value.IndexOfAny(_lineBreaks) >= 0)
        {
            return new ActionOutcome(action, ActionStatus.Failed, $"failed: the value of {name} contains a line break");
        }

        if (existing.Count == 1 && string.Equals(existing[0].Value.Trim(), action.Value.Trim(), StringComparison.Ordinal))
        {
            return new ActionOutcome(action, ActionStatus.Skipped, $"skipped: {name} already has this value");
        }

        headers.RemoveAll(name);
        headers.Add(name, action.Value);
        markChanged();
        return new ActionOutcome(action, ActionStatus.Applied, $"set {name}");
    }

    /// <summary>The header half of <c>addRecipient</c>: the added recipient becomes visible in Cc (the host adds the envelope recipient).</summary>
    public static ActionOutcome AddCc(MimeMessage message, RecipientAction action, Action markChanged)
    {
        if (action.Change != RecipientChange.Add)
        {
            return new ActionOutcome(action, ActionStatus.Skipped, "skipped: only an added visible recipient changes the message headers");
        }

        if (!MailboxAddress.TryParse(action.Address ?? string.Empty, out var parsed) || parsed.Address.IndexOf('@') <= 0)
        {
            return new ActionOutcome(action, ActionStatus.Failed, $"failed: '{action.Address}' is not an SMTP address");
        }

        var address = parsed.Address;
        if (message.To.Mailboxes.Concat(message.Cc.Mailboxes).Any(mailbox => string.Equals(mailbox.Address, address, StringComparison.OrdinalIgnoreCase)))
        {
            return new ActionOutcome(action, ActionStatus.Skipped, $"skipped: {address} is already in To or Cc");
        }

        message.Cc.Add(new MailboxAddress(string.Empty, address));
        markChanged();
        return new ActionOutcome(action, ActionStatus.Applied, $"added {address} to Cc");
    }
}
