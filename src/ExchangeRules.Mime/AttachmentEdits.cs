using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>Attachment removal and addition. Attached messages are removed whole or kept whole, never entered.</summary>
internal static class AttachmentEdits
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(100);

    public static ActionOutcome Remove(MimeMessage message, RemoveAttachmentsAction action, Action markChanged)
    {
        var patterns = (action.FileNamePatterns ?? Array.Empty<string>())
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => new Regex("^" + Regex.Escape(p.Trim()).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, _timeout))
            .ToList();
        var mediaTypes = (action.MediaTypes ?? Array.Empty<string>()).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList();
        var body = BodyLocator.Find(message.Body);
        var removed = new List<string>();
        foreach (var multipart in MimeWalker.Walk(message.Body).OfType<Multipart>().ToList())
        {
            for (var i = multipart.Count - 1; i >= 0; i--)
            {
                var child = multipart[i];
                if (IsAttachment(child, body) && Matches(child, patterns, mediaTypes))
                {
                    multipart.RemoveAt(i);
                    removed.Add(FileNameOf(child) is { Length: > 0 } name ? name : child.ContentType.MimeType);

                    // MimeKit's entities are finalizable and a removed one reads the source: dropped undisposed, it
                    // would keep the whole source message alive through the next collection.
                    child.Dispose();
                }
            }
        }

        if (removed.Count == 0)
        {
            return new ActionOutcome(action, ActionStatus.Skipped, "skipped: no attachment matched");
        }

        markChanged();
        removed.Reverse();
        return new ActionOutcome(action, ActionStatus.Applied, $"removed {removed.Count} attachment(s): {string.Join(", ", removed)}");
    }

    public static ActionOutcome Add(MimeMessage message, AddAttachmentAction action, Action markChanged)
    {
        var content = action.Content ?? Array.Empty<byte>();
        var already = MimeWalker.Walk(message.Body).OfType<MimePart>().Any(p =>
            string.Equals(p.FileName, action.FileName, StringComparison.OrdinalIgnoreCase) && p.IsAttachment && SameContent(p, content));
        if (already)
        {
            return new ActionOutcome(action, ActionStatus.Skipped, $"skipped: {action.FileName} is already attached");
        }

        var type = ContentType.TryParse(action.MediaType ?? string.Empty, out var parsed) ? parsed : new ContentType("application", "octet-stream");
        var part = new MimePart(type)
        {
            Content = new MimeContent(new MemoryStream(content, writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = action.FileName,
        };
        if (message.Body is Multipart mixed && mixed.ContentType.IsMimeType("multipart", "mixed"))
        {
            mixed.Add(part);
        }
        else
        {
            var wrapper = new Multipart("mixed");
            if (message.Body is not null)
            {
                wrapper.Add(message.Body);
            }

            wrapper.Add(part);
            message.Body = wrapper;
        }

        markChanged();
        return new ActionOutcome(action, ActionStatus.Applied, $"attached {action.FileName}");
    }

    private static bool IsAttachment(MimeEntity entity, BodyLocator body) => entity switch
    {
        MessagePart => true,
        MimePart part => !body.Contains(part) && (part.IsAttachment || !string.IsNullOrEmpty(part.FileName)),
        _ => false,
    };

    private static bool Matches(MimeEntity entity, List<Regex> patterns, List<string> mediaTypes)
    {
        var name = FileNameOf(entity);
        if (name.Length > 0 && patterns.Any(p => SafeIsMatch(p, name)))
        {
            return true;
        }

        var type = entity.ContentType;
        return mediaTypes.Any(t => t.EndsWith("/*", StringComparison.Ordinal)
            ? string.Equals(type.MediaType, t.Substring(0, t.Length - 2), StringComparison.OrdinalIgnoreCase)
            : string.Equals(type.MimeType, t, StringComparison.OrdinalIgnoreCase));
    }

    private static bool SafeIsMatch(Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string FileNameOf(MimeEntity entity) =>
        entity.ContentDisposition?.FileName ?? entity.ContentType.Name ?? string.Empty;

    private static bool SameContent(MimePart part, byte[] content)
    {
        if (part.Content is null)
        {
            return false;
        }

        using var decoded = new MemoryStream();
        part.Content.DecodeTo(decoded);
        return decoded.ToArray().AsSpan().SequenceEqual(content);
    }
}
