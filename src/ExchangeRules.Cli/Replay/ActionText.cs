using ExchangeRules.Engine.Actions;

namespace ExchangeRules.Cli.Replay;

/// <summary>A planned action in the words <c>exrules apply</c>, <c>test</c> and <c>diff</c> print.</summary>
internal static class ActionText
{
    public static string Describe(PlannedAction action) => action switch
    {
        InsertContentAction insert => "add " + KindName(insert.Kind) + (insert.TemplateName.Length > 0 ? " " + insert.TemplateName : string.Empty) + " at " + PlacementName(insert.Placement),
        SubjectAction subject => (subject.Prepend ? "prepend to subject " : "append to subject ") + subject.Text,
        HeaderAction header => header.Value is null ? "remove header " + header.Name : "set header " + header.Name + ": " + header.Value,
        RecipientAction recipient => recipient.Change switch
        {
            RecipientChange.Bcc => "add BCC " + recipient.Address,
            RecipientChange.Redirect => "redirect to " + recipient.Address,
            _ => "add recipient " + recipient.Address,
        },
        RemoveAttachmentsAction => "remove attachments",
        AddAttachmentAction attachment => "add attachment " + attachment.FileName,
        DeleteMessageAction => "delete the message",
        _ => action.GetType().Name,
    };

    public static string KindName(InsertionKind kind) => kind switch
    {
        InsertionKind.Signature => "signature",
        InsertionKind.Disclaimer => "disclaimer",
        _ => "banner",
    };

    /// <summary>The placement as the rules file writes it.</summary>
    public static string PlacementName(Placement placement) => placement switch
    {
        Placement.Top => "top",
        Placement.Bottom => "bottom",
        _ => "underNewestReply",
    };
}
