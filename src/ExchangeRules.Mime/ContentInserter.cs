using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Text;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>Inserts a signature, disclaimer or banner into the HTML and plain-text bodies, consistently.</summary>
internal sealed class ContentInserter
{
    private readonly MessageEditorOptions _options;
    private readonly EditSession _session;

    public ContentInserter(MessageEditorOptions options, EditSession session)
    {
        _options = options;
        _session = session;
    }

    public ActionOutcome Insert(InsertContentAction action)
    {
        if (_session.TrustsEarlierStamp(action.RuleName))
        {
            return Skipped(action, $"skipped: already stamped by an earlier hop ({StampHeader.Name})");
        }

        if (_session.NeedsWrap(action.RuleName))
        {
            _session.Wrap();
        }

        var body = BodyLocator.Find(_session.Message.Body);
        if (body.IsEmpty)
        {
            return Skipped(action, "skipped: the message has no text/plain or text/html body to insert into");
        }

        string? newHtml = null;
        string? htmlMarker = null;
        if (body.Html is not null)
        {
            var html = TextPartContent.Read(body.Html);
            var point = HtmlLocator.Locate(html, action.Placement, _options.ReplyMarkers);
            var region = action.Placement == Placement.Bottom ? html : html.Substring(0, point.NewestEnd);
            if (region.IndexOf(HtmlStamp.MarkerFor(action.RuleName), StringComparison.Ordinal) >= 0)
            {
                return Skipped(action, RegionName(action, "skipped: this rule's stamp is already in the", "HTML body"));
            }

            if (action.SkipIfPresent
                && PlainTextRenderer.ContainsFingerprint(HtmlLocator.TextOf(region), PlainTextRenderer.SourceText(action.Text, action.Html)))
            {
                return Skipped(action, RegionName(action, "skipped: the block is already present in the", "HTML body"));
            }

            newHtml = html.Insert(point.InsertAt, HtmlStamp.Build(action, TextPartContent.NewLineOf(html)));
            htmlMarker = point.MarkerName;
        }

        string? newText = null;
        string? textMarker = null;
        if (body.Plain is not null)
        {
            var text = TextPartContent.Read(body.Plain);
            var point = PlainTextLocator.Locate(text, action.Placement, _options.ReplyMarkers);
            var region = action.Placement == Placement.Bottom ? text : text.Substring(0, point.NewestEnd);
            var block = RenderText(action, TextPartContent.NewLineOf(text));
            if (body.Html is null && PlainTextRenderer.ContainsFingerprint(region, block))
            {
                // In plain text the rendered block itself is the recognisable stamp.
                return Skipped(action, RegionName(action, "skipped: the block is already present in the", "plain-text body"));
            }

            if (block.Length > 0)
            {
                newText = Splice(text, point, action.Placement, block, TextPartContent.NewLineOf(text));
                textMarker = point.MarkerName;
            }
        }

        var changed = new List<string>();
        if (newHtml is not null)
        {
            var charset = TextPartContent.Write(body.Html!, newHtml);
            changed.Add($"text/html ({charset})");
            AddImages(body, action.Images);
        }

        if (newText is not null)
        {
            var charset = TextPartContent.Write(body.Plain!, newText);
            changed.Add($"text/plain ({charset})");
        }

        if (changed.Count == 0)
        {
            return Skipped(action, "skipped: the block has no content for this body");
        }

        _session.RecordStamp(action.RuleName);
        var marker = htmlMarker ?? textMarker;
        var where = action.Placement switch
        {
            Placement.Top => "at the top",
            Placement.Bottom => "at the bottom",
            _ => marker is null ? "at the end of the new text (no quoted history found)" : $"under the newest reply (before marker '{marker}')",
        };
        return new ActionOutcome(action, ActionStatus.Applied, $"inserted {action.Kind.ToString().ToLowerInvariant()} {where} into {string.Join(" and ", changed)}");
    }

    private static string RegionName(InsertContentAction action, string prefix, string part) =>
        action.Placement == Placement.Bottom ? $"{prefix} {part}" : $"{prefix} newest part of the {part}";

    private string RenderText(InsertContentAction action, string newLine)
    {
        var source = PlainTextRenderer.SourceText(action.Text, action.Html);
        return string.Join(newLine, PlainTextRenderer.Wrap(source, _options.PlainTextLineLength));
    }

    private static string Splice(string text, HtmlInsertionPoint point, Placement placement, string block, string newLine)
    {
        if (placement == Placement.Top)
        {
            return block + newLine + newLine + text;
        }

        var before = text.Substring(0, point.InsertAt);
        var after = text.Substring(point.InsertAt);
        if (after.Length == 0)
        {
            var lead = before.Length == 0 ? string.Empty : before.EndsWith(newLine, StringComparison.Ordinal) ? newLine : newLine + newLine;
            return before + lead + block + newLine;
        }

        var separator = before.Length == 0 || before.EndsWith(newLine + newLine, StringComparison.Ordinal) ? string.Empty
            : before.EndsWith(newLine, StringComparison.Ordinal) ? newLine : newLine + newLine;
        return before + separator + block + newLine + newLine + after;
    }

    private void AddImages(BodyLocator body, IReadOnlyList<InlineImage> images)
    {
        if (images is null || images.Count == 0 || body.Html is null)
        {
            return;
        }

        var existing = new HashSet<string>(
            MimeWalker.Walk(_session.Message.Body).Select(e => e.ContentId ?? string.Empty).Where(id => id.Length > 0),
            StringComparer.OrdinalIgnoreCase);
        var missing = images.Where(i => !existing.Contains(i.ContentId)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var related = EnsureRelated(body);
        foreach (var image in missing)
        {
            var type = ContentType.TryParse(image.MediaType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
            related.Add(new MimePart(type)
            {
                Content = new MimeContent(new MemoryStream(image.Content, writable: false)),
                ContentId = image.ContentId,
                ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = image.FileName },
                ContentTransferEncoding = ContentEncoding.Base64,
            });
        }
    }

    private MultipartRelated EnsureRelated(BodyLocator body)
    {
        var html = body.Html!;
        var ancestors = body.HtmlAncestors;
        if (ancestors.Count > 0 && ancestors[ancestors.Count - 1] is MultipartRelated existing)
        {
            return existing;
        }

        var related = new MultipartRelated();
        if (ancestors.Count == 0)
        {
            _session.Message.Body = related;
        }
        else
        {
            var parent = ancestors[ancestors.Count - 1];
            parent[parent.IndexOf(html)] = related;
        }

        related.Add(html);
        return related;
    }

    private static ActionOutcome Skipped(PlannedAction action, string detail) => new(action, ActionStatus.Skipped, detail);
}
