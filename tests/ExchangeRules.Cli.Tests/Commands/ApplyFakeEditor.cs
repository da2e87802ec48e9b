using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using MimeKit;

namespace ExchangeRules.Cli.Tests.Commands;

/// <summary>An editor that reads headers with MimeKit and applies subject actions only, enough to see the command's plumbing.</summary>
internal sealed class ApplyFakeEditor : IMessageEditor
{
    public IMessageContent Read(Stream mime, SubmissionOrigin origin)
    {
        var start = mime.Position;
        var message = MimeMessage.Load(mime);
        mime.Position = start;
        return new Content(message, mime.Length);
    }

    public EditResult Apply(IMessageContent message, IReadOnlyList<PlannedAction> actions, Stream destination)
    {
        var content = (Content)message;
        var outcomes = new List<ActionOutcome>();
        foreach (var action in actions)
        {
            if (action is SubjectAction subject)
            {
                content.Message.Subject = subject.Prepend ? subject.Text + " " + content.Message.Subject : content.Message.Subject + " " + subject.Text;
                outcomes.Add(new ActionOutcome(action, ActionStatus.Applied, "subject changed"));
            }
            else
            {
                outcomes.Add(new ActionOutcome(action, ActionStatus.Skipped, "not supported by the test editor"));
            }
        }

        var changed = outcomes.Any(outcome => outcome.Status == ActionStatus.Applied);
        if (changed)
        {
            content.Message.WriteTo(destination);
        }

        return new EditResult(changed, outcomes);
    }

    private sealed class Content : IMessageContent
    {
        public Content(MimeMessage message, long size)
        {
            Message = message;
            Size = size;
        }

        public MimeMessage Message { get; }

        public string Subject => Message.Subject ?? string.Empty;

        public long Size { get; }

        public MessageTraits Traits => MessageTraits.None;

        public IReadOnlyList<string> GetHeaderValues(string name) =>
            Message.Headers.Where(header => string.Equals(header.Field, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).ToList();

        public IReadOnlyList<string> GetHeaderAddresses(string headerName) =>
            (headerName.ToUpperInvariant() switch
            {
                "FROM" => Message.From,
                "TO" => Message.To,
                _ => Message.Cc,
            }).Mailboxes.Select(mailbox => mailbox.Address).ToList();

        public string GetBodyText() => Message.TextBody ?? string.Empty;

        public string GetNewestPartText() => GetBodyText();

        public IReadOnlyList<AttachmentInfo> GetAttachments() => Array.Empty<AttachmentInfo>();
    }
}
