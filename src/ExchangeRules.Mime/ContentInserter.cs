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

        var body = BodyLocator.Find(_session.BodyToEdit, _session.EntersUnprovenStructures);
        if (body.IsEmpty)
        {
            return Skipped(action, "skipped: the message has no text/plain or text/html body to insert into");
        }

        // A Summary TNEF body is already decoded whole in memory: a prefix would save nothing and only add the retries.
        if (action.Placement == Placement.UnderNewestReply && _options.DecodePrefixFirst && !_session.EditsTnefBody)
        {
            // The newest part of a reply is at its top: decode only the first lines of each part and locate there, in
            // a small top first and then a larger one. Every answer that could depend on the rest gives up before
            // anything changes, and then the whole parts are read.
            var first = Math.Min(_options.HtmlFirstPrefixBytes, _options.HtmlPrefixBytes);
            foreach (var htmlTop in first < _options.HtmlPrefixBytes ? new[] { first, _options.HtmlPrefixBytes } : new[] { _options.HtmlPrefixBytes })
            {
                try
                {
                    return InsertInto(action, body, htmlTop);
                }
                catch (PrefixTooShortException)
                {
                }
            }
        }

        return InsertInto(action, body, htmlTop: 0);
    }

    /// <summary>Inserts into the parts; <paramref name="htmlTop"/> &gt; 0 decodes only the top of each part (that many bytes of HTML).</summary>
    private ActionOutcome InsertInto(InsertContentAction action, BodyLocator body, int htmlTop)
    {
        var prefixOnly = htmlTop > 0;
        string? html = null;
        var htmlIsPrefix = false;
        var htmlExact = false;
        var htmlAt = 0;
        string? htmlBlock = null;
        HtmlInsertionPoint? htmlPoint = null;
        string? htmlProblem = null;
        if (body.Html is not null)
        {
            html = Read(body.Html, htmlTop, out htmlExact, out htmlIsPrefix, out htmlProblem);
        }

        if (html is not null)
        {
            var locator = new HtmlLocator(html, _options.ReplyMarkers, _session.Budget, htmlIsPrefix);
            if (_session.TrustsBodyStamp(action.RuleName) && StampIsInRegion(html, locator, action))
            {
                return Skipped(action, RegionName(action, "skipped: this rule's stamp is already in the", "HTML body"));
            }

            if (action.SkipIfPresent && _session.TrustsBodyBlockText && BlockIsInHtmlRegion(html, locator, action))
            {
                return Skipped(action, RegionName(action, "skipped: the block is already present in the", "HTML body"));
            }

            if (action.Placement == Placement.UnderNewestReply)
            {
                htmlPoint = locator.Locate(Placement.UnderNewestReply);
                htmlAt = htmlPoint.InsertAt;
            }
            else
            {
                htmlAt = action.Placement == Placement.Top ? locator.BodyStart : locator.BodyEnd;
            }

            htmlBlock = HtmlStamp.Build(action, TextPartContent.NewLineOf(html));
        }

        string? text = null;
        var textIsPrefix = false;
        var textExact = false;
        var textAt = 0;
        string? textBlock = null;
        HtmlInsertionPoint? textPoint = null;
        string? textProblem = null;
        if (body.Plain is not null)
        {
            text = Read(body.Plain, prefixOnly ? _options.TextPrefixBytes : 0, out textExact, out textIsPrefix, out textProblem);
        }

        if (text is not null)
        {
            var point = PlainTextLocator.Locate(text, action.Placement, _options.ReplyMarkers, _session.Budget);
            if (textIsPrefix && (point.DependsOnWholeText || !DecidedWithin(text, point)))
            {
                throw new PrefixTooShortException();
            }

            var newLine = TextPartContent.NewLineOf(text);
            var block = RenderText(action, newLine);
            if (html is null && _session.TrustsBodyBlockText && PlainTextRenderer.ContainsFingerprint(action.Placement == Placement.Bottom ? text : PlainTextLocator.NewestText(text, point), block))
            {
                // In plain text the rendered block itself is the recognisable stamp.
                return Skipped(action, RegionName(action, "skipped: the block is already present in the", "plain-text body"));
            }

            if (block.Length > 0)
            {
                (textAt, textBlock) = Splice(text, point, action.Placement, block, newLine);
                textPoint = action.Placement == Placement.UnderNewestReply ? point : null;
            }
        }

        // Both splices are prepared before either part changes: a prefix that cannot be spliced gives up with nothing changed.
        var htmlSplice = htmlBlock is not null && prefixOnly ? PrepareSplice(body.Html!, html!, htmlIsPrefix, htmlAt, htmlBlock) : null;
        TextPartContent.PreparedSplice? textSplice;
        try
        {
            textSplice = textBlock is not null && prefixOnly ? PrepareSplice(body.Plain!, text!, textIsPrefix, textAt, textBlock) : null;
        }
        catch (PrefixTooShortException)
        {
            // The next top (or the whole parts) prepares the HTML splice again: its pooled buffer goes back now.
            htmlSplice?.Discard();
            throw;
        }

        var changed = new List<string>();
        if (htmlBlock is not null)
        {
            var charset = htmlSplice?.Apply(_session.RentedBuffers) ?? TextPartContent.Insert(body.Html!, html!, htmlExact, htmlAt, htmlBlock, _session.RentedBuffers);
            changed.Add($"text/html ({charset})");
            AddImages(body, action.Images);
        }

        if (textBlock is not null)
        {
            var charset = textSplice?.Apply(_session.RentedBuffers) ?? TextPartContent.Insert(body.Plain!, text!, textExact, textAt, textBlock, _session.RentedBuffers);
            changed.Add($"text/plain ({charset})");
        }

        var leftAlone = LeftAlone(htmlProblem, textProblem);
        if (changed.Count == 0)
        {
            return Skipped(action, leftAlone is null ? "skipped: the block has no content for this body" : "skipped: " + leftAlone + "; message left unchanged");
        }

        _session.RecordStamp(action.RuleName);
        if (action.Placement != Placement.UnderNewestReply)
        {
            return leftAlone is null
                ? new ActionOutcome(action, ActionStatus.Applied, () => InsertedAtEdge(action, changed))
                : new ActionOutcome(action, ActionStatus.Applied, InsertedAtEdge(action, changed) + "; " + leftAlone);
        }

        var placements = new List<PartPlacement>(2);
        if (htmlBlock is not null && htmlPoint is not null)
        {
            placements.Add(PlacementOf("text/html", htmlPoint, html!));
        }

        if (textBlock is not null && textPoint is not null)
        {
            placements.Add(PlacementOf("text/plain", textPoint, text!));
        }

        // The words are built only when someone reads them (the report, the trace, diagnostics): the placements they
        // describe are computed now, so the text is the same whenever it is read.
        return leftAlone is null
            ? new ActionOutcome(action, ActionStatus.Applied, () => PlacementDescription.Describe(KindOf(action), changed, placements)) { Placements = placements }
            : new ActionOutcome(action, ActionStatus.Applied, PlacementDescription.Describe(KindOf(action), changed, placements) + "; " + leftAlone) { Placements = placements };
    }

    private static string KindOf(InsertContentAction action) => action.Kind.ToString().ToLowerInvariant();

    /// <summary>The decision trace's words for a block inserted at the top or the bottom.</summary>
    private static string InsertedAtEdge(InsertContentAction action, List<string> changed)
    {
        var where = action.Placement == Placement.Top ? "at the top" : "at the bottom";
        return $"inserted {KindOf(action)} {where} into {string.Join(" and ", changed)}";
    }

    /// <summary>Why a body part was left byte-identical (it cannot be decoded faithfully), or <see langword="null"/>.</summary>
    private static string? LeftAlone(string? htmlProblem, string? textProblem)
    {
        if (htmlProblem is null && textProblem is null)
        {
            return null;
        }

        var reasons = new List<string>(2);
        if (htmlProblem is not null)
        {
            reasons.Add("the text/html part was left byte-identical because " + htmlProblem);
        }

        if (textProblem is not null)
        {
            reasons.Add("the text/plain part was left byte-identical because " + textProblem);
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>
    /// The part's text: with <paramref name="prefixBytes"/> &gt; 0, only its first lines where the part allows (then
    /// <paramref name="isPrefix"/> is true and the text is exact), else all of it; <see langword="null"/> (and the
    /// reason in <paramref name="problem"/>) when the part cannot be decoded faithfully and must be left as it is.
    /// </summary>
    private static string? Read(TextPart part, int prefixBytes, out bool exact, out bool isPrefix, out string? problem)
    {
        problem = null;
        if (prefixBytes > 0 && TextPartContent.ReadPrefix(part, prefixBytes, out var whole) is { } prefix)
        {
            exact = true;
            isPrefix = !whole;
            return prefix;
        }

        if (prefixBytes > 0)
        {
            // Not readable as a prefix (base64, another charset, outside the strict grammar): the whole path decides.
            throw new PrefixTooShortException();
        }

        isPrefix = false;
        return TextPartContent.ReadForEdit(part, out exact, out problem);
    }

    /// <summary>
    /// Whether the plain-text locator's answer on a prefix is the one the whole text gives: a marker was found, and the
    /// line after it (which wrapped attribution lines are matched with) ends inside the prefix. Every earlier line was
    /// tested with its complete next line, and no anchor crosses a line end.
    /// </summary>
    private static bool DecidedWithin(string prefix, HtmlInsertionPoint point)
    {
        if (point.MarkerName is null)
        {
            return false;
        }

        var markerLineEnd = prefix.IndexOf('\n', point.NewestEnd);
        return markerLineEnd >= 0 && prefix.IndexOf('\n', markerLineEnd + 1) >= 0;
    }

    /// <summary>The splice of a part's text (or prefix), computed without changing the part; throws when only a rewrite of the whole part can do it.</summary>
    private static TextPartContent.PreparedSplice PrepareSplice(TextPart part, string text, bool isPrefix, int offset, string insertion) =>
        TextPartContent.PrepareSplice(part, text, offset, insertion, isPrefix) ?? throw new PrefixTooShortException();

    /// <summary>
    /// Whether an earlier stamp of this rule is in the region that counts (the newest part; the whole body for
    /// <see cref="Placement.Bottom"/>): by its data attribute, or by its id, which can survive a reply from Outlook
    /// desktop that dropped the data attributes.
    /// </summary>
    private static bool StampIsInRegion(string html, HtmlLocator locator, InsertContentAction action)
    {
        // Under the newest reply the newest part is located anyway (Locate, right after): only an occurrence that begins
        // before its end counts, so the searches stop there instead of running over the rest of the part. For the top
        // the part is located only when a stamp is found, as before.
        var before = action.Placement == Placement.UnderNewestReply ? Math.Min(locator.NewestPart.End, html.Length) : html.Length;
        var first = FirstOccurrence(html, HtmlStamp.MarkerFor(action.RuleName), before);
        var id = FirstId(html, HtmlStamp.IdFor(action.RuleName), before);
        if (id >= 0 && (first < 0 || id < first))
        {
            first = id;
        }

        return first >= 0 && (action.Placement == Placement.Bottom || first < locator.NewestPart.End);
    }

    /// <summary>
    /// Whether the block's text is already in the region that counts (see <see cref="BlockFingerprint"/>). The raw HTML
    /// is searched for a word of the block first: without it the region cannot contain the block and nothing is parsed.
    /// </summary>
    private static bool BlockIsInHtmlRegion(string html, HtmlLocator locator, InsertContentAction action)
    {
        var fingerprints = new List<BlockFingerprint>(2);
        AddFingerprint(fingerprints, action.Text);
        AddFingerprint(fingerprints, string.IsNullOrWhiteSpace(action.Html) ? string.Empty : HtmlParsing.PlainTextOf(action.Html));
        if (fingerprints.Count == 0)
        {
            return false;
        }

        // Under the newest reply the newest part is located anyway (Locate, right after), so its end bounds the search
        // from the start: a match wholly before it is exactly what the two-step search below accepts. For the top the
        // part is located only once a word of the block is found.
        var limit = action.Placement switch
        {
            Placement.Bottom => html.Length,
            Placement.UnderNewestReply => Math.Min(locator.NewestPart.End, html.Length),
            _ => -1,
        };
        string? region = null;
        foreach (var fingerprint in fingerprints)
        {
            if (fingerprint.Probe is not null)
            {
                // Where the newest part ends decides where to look; an absent word settles it without locating anything.
                // The probe is ASCII, so a match is as long as the probe, and the first match tells whether one lies
                // wholly before the newest part's end.
                var first = html.IndexOf(fingerprint.Probe, 0, limit < 0 ? html.Length : limit, StringComparison.OrdinalIgnoreCase);
                if (first < 0)
                {
                    continue;
                }

                if (limit < 0)
                {
                    limit = locator.NewestPart.End;
                    if (first + fingerprint.Probe.Length > limit)
                    {
                        continue;
                    }
                }
            }

            region ??= action.Placement == Placement.Bottom ? locator.BodyText : locator.NewestPart.Text;
            if (fingerprint.FoundIn(region))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddFingerprint(List<BlockFingerprint> fingerprints, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            var fingerprint = BlockFingerprint.Of(text);
            if (fingerprint.IsUsable)
            {
                fingerprints.Add(fingerprint);
            }
        }
    }

    /// <summary>The first occurrence of <paramref name="value"/> that begins before <paramref name="before"/>, or -1.</summary>
    private static int FirstOccurrence(string html, string value, int before) =>
        html.IndexOf(value, 0, SearchLength(html, 0, value, before), StringComparison.Ordinal);

    /// <summary>
    /// The first occurrence of the id as a whole token (not the prefix of a longer id) that begins before
    /// <paramref name="before"/>, or -1. An ordinal case-insensitive match is as long as the id (char by char).
    /// </summary>
    private static int FirstId(string html, string id, int before)
    {
        for (var index = html.IndexOf(id, 0, SearchLength(html, 0, id, before), StringComparison.OrdinalIgnoreCase);
            index >= 0;
            index = index + 1 < before ? html.IndexOf(id, index + 1, SearchLength(html, index + 1, id, before), StringComparison.OrdinalIgnoreCase) : -1)
        {
            var after = index + id.Length;
            if (after >= html.Length || !(char.IsLetterOrDigit(html[after]) || html[after] == '-' || html[after] == '_'))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>How many characters from <paramref name="start"/> hold every match of <paramref name="value"/> that begins before <paramref name="before"/>.</summary>
    private static int SearchLength(string html, int start, string value, int before) =>
        Math.Max(0, Math.Min(html.Length, before + value.Length - 1) - start);

    private static string RegionName(InsertContentAction action, string prefix, string part) =>
        action.Placement == Placement.Bottom ? $"{prefix} {part}" : $"{prefix} newest part of the {part}";

    private string RenderText(InsertContentAction action, string newLine)
    {
        var source = PlainTextRenderer.SourceText(action.Text, action.Html);
        return WrappedTextBlocks.Of(source, _options.PlainTextLineLength, newLine);
    }

    /// <summary>Where the plain-text block goes and what is inserted there (the block with its blank-line separators).</summary>
    private static (int Offset, string Insertion) Splice(string text, HtmlInsertionPoint point, Placement placement, string block, string newLine)
    {
        if (placement == Placement.Top)
        {
            return (0, block + newLine + newLine);
        }

        var at = point.InsertAt;
        if (at == text.Length)
        {
            var lead = at == 0 ? string.Empty : EndsWith(text, at, newLine) ? newLine : newLine + newLine;
            return (at, lead + block + newLine);
        }

        var separator = at == 0 || EndsWith(text, at, newLine + newLine) ? string.Empty
            : EndsWith(text, at, newLine) ? newLine : newLine + newLine;
        return (at, separator + block + newLine + newLine);
    }

    /// <summary>Whether <c>text[..end)</c> ends with <paramref name="value"/>, without cutting the text.</summary>
    private static bool EndsWith(string text, int end, string value) =>
        end >= value.Length && string.CompareOrdinal(text, end - value.Length, value, 0, value.Length) == 0;

    private void AddImages(BodyLocator body, IReadOnlyList<InlineImage> images)
    {
        if (images is null || images.Count == 0 || body.Html is null)
        {
            return;
        }

        if (_session.EditsTnefBody)
        {
            _session.AddTnefImages(images);
            return;
        }

        var missing = new List<InlineImage>(images.Count);
        foreach (var image in images)
        {
            if (!Carries(_session.Message.Body, image.ContentId))
            {
                missing.Add(image);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var related = EnsureRelated(body);
        foreach (var image in missing)
        {
            var type = ContentType.TryParse(image.MediaType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
            // Encoded once per image: a logo is the same in every message, and base64 costs more than copying it.
            var encoded = EncodedImages.Base64Of(image, _session.NewLine);
            related.Add(new MimePart(type)
            {
                Content = new MimeContent(new MemoryStream(encoded, 0, encoded.Length, writable: false, publiclyVisible: true), ContentEncoding.Base64),
                ContentId = image.ContentId,
                ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = image.FileName },
                ContentTransferEncoding = ContentEncoding.Base64,
            });
        }
    }

    private static bool Carries(MimeEntity? body, string contentId)
    {
        foreach (var entity in MimeWalker.Walk(body))
        {
            // Most parts have no Content-ID: the header lookup spares MimeKit parsing the field for each of them.
            if (entity.Headers.Contains(HeaderId.ContentId) && string.Equals(entity.ContentId, contentId, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private MultipartRelated EnsureRelated(BodyLocator body)
    {
        var html = body.Html!;
        var ancestors = body.HtmlAncestors;
        if (ancestors.Count > 0 && ancestors[ancestors.Count - 1] is MultipartRelated existing)
        {
            return existing;
        }

        // Outlook's and Apple Mail's shape, related{alternative{text, html}, images}: the new image joins the images
        // already there, which keeps the structure clients expect and leaves the alternative part as it is.
        if (ancestors.Count > 1 && ancestors[ancestors.Count - 1] is MultipartAlternative alternative
            && ancestors[ancestors.Count - 2] is MultipartRelated outer && IsRoot(outer, alternative))
        {
            return outer;
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

    /// <summary>Whether <paramref name="part"/> is the root of <paramref name="related"/> (RFC 2387: the first part, unless the start parameter names another).</summary>
    private static bool IsRoot(MultipartRelated related, MimeEntity part)
    {
        var start = related.ContentType.Parameters["start"];
        return related.Count > 0 && ReferenceEquals(related[0], part) && string.IsNullOrEmpty(start);
    }

    private static PartPlacement PlacementOf(string part, HtmlInsertionPoint point, string content) => new(
        part,
        point.MarkerName,
        point.Layout switch
        {
            PlacementLayout.BelowQuote => PlacementPosition.BelowQuote,
            PlacementLayout.NoMarker => PlacementPosition.EndNoMarker,
            _ => PlacementPosition.AboveMarker,
        },
        LineOf(content, point.InsertAt),
        point.InsertAt);

    /// <summary>The 1-based line of an offset (where an admin looks in the decoded part).</summary>
    private static int LineOf(string content, int offset)
    {
        // From line feed to line feed with the (vectorised) IndexOf: a character loop over the newest part cost as much
        // as locating it.
        var end = Math.Min(offset, content.Length);
        var line = 1;
        for (var at = end > 0 ? content.IndexOf('\n', 0, end) : -1; at >= 0; at = at + 1 < end ? content.IndexOf('\n', at + 1, end - at - 1) : -1)
        {
            line++;
        }

        return line;
    }

    private static ActionOutcome Skipped(PlannedAction action, string detail) => new(action, ActionStatus.Skipped, detail);
}
