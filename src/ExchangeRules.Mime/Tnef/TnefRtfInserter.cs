using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Mime.Text;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// Inserts a block into the RTF body of a Summary TNEF message: at its top or bottom with <see cref="RtfStamp"/>
/// (RTF has no reply markers this editor reads, so "under the newest reply" falls back to the bottom and says so),
/// and into its plain body (PR_BODY) at the same place through the MIME editing core, so the two stay consistent.
/// </summary>
internal static class TnefRtfInserter
{
    public static ActionOutcome Insert(InsertContentAction action, SummaryTnefBody tnef, bool trustsBodyStamps, Func<InsertContentAction, ActionOutcome> insertIntoPlain, Action<string> recordStamp)
    {
        var text = PlainTextRenderer.SourceText(action.Text, action.Html).Trim('\r', '\n');
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ActionOutcome(action, ActionStatus.Skipped, "skipped: the block has no content for this body");
        }

        var rtf = tnef.Rtf!;
        if (trustsBodyStamps && Contains(rtf, RtfStamp.Paragraphs(text)))
        {
            // Our own rendering of the block is the recognisable stamp in RTF (a copy that went through us before).
            return new ActionOutcome(action, ActionStatus.Skipped, "skipped: the block is already present in the TNEF RTF body");
        }

        var top = action.Placement == Placement.Top;
        var stamped = top ? RtfStamp.InsertAtTop(rtf, text) : RtfStamp.AppendAtBottom(rtf, text);
        var parts = new List<string> { "the TNEF RTF body (PR_RTF_COMPRESSED)" };
        if (tnef.Plain is not null)
        {
            var plainAction = action.Placement == Placement.UnderNewestReply ? AtBottom(action) : action;
            var plain = insertIntoPlain(plainAction);
            if (plain.Status == ActionStatus.Applied)
            {
                parts.Add("the TNEF plain body (PR_BODY)");
            }
        }

        tnef.ReplaceRtf(stamped);
        recordStamp(action.RuleName);
        var kind = action.Kind.ToString().ToLowerInvariant();
        var where = top ? "at the top" : "at the bottom";
        var detail = $"inserted {kind} {where} into {string.Join(" and ", parts)}";
        if (action.Placement != Placement.UnderNewestReply)
        {
            return new ActionOutcome(action, ActionStatus.Applied, detail);
        }

        var offset = Latin1(stamped).LastIndexOf(RtfStamp.Paragraphs(text), StringComparison.Ordinal);
        var placement = new PartPlacement("text/rtf", null, PlacementPosition.EndNoMarker, LineOf(stamped, offset), offset);
        return new ActionOutcome(action, ActionStatus.Applied, $"inserted {kind} under the newest reply into {string.Join(" and ", parts)}: text/rtf at line {placement.Line}, at the end of the part: an RTF body has no reply marker this editor reads (fallback)")
        {
            Placements = new[] { placement },
        };
    }

    private static InsertContentAction AtBottom(InsertContentAction action) =>
        new(action.RuleName, action.FailurePolicy, action.Kind, action.Html, action.Text, Placement.Bottom, action.SkipIfPresent, action.Images, action.SpecialMessages)
        {
            TemplateName = action.TemplateName,
        };

    private static bool Contains(byte[] rtf, string value) => Latin1(rtf).IndexOf(value, StringComparison.Ordinal) >= 0;

    private static string Latin1(byte[] rtf)
    {
        var chars = new char[rtf.Length];
        for (var i = 0; i < rtf.Length; i++)
        {
            chars[i] = (char)rtf[i];
        }

        return new string(chars);
    }

    private static int LineOf(byte[] rtf, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < rtf.Length; i++)
        {
            if (rtf[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }
}
