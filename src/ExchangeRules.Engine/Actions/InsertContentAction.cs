using System.Collections.Generic;

namespace ExchangeRules.Engine.Actions;

/// <summary>Insert a signature, disclaimer or banner into the message body.</summary>
public sealed class InsertContentAction : PlannedAction
{
    /// <summary>Creates the action (<paramref name="specialMessages"/>: see <see cref="PlannedAction.SpecialMessages"/>; <see langword="null"/> for the default).</summary>
    public InsertContentAction(
        string ruleName,
        FailurePolicy failurePolicy,
        InsertionKind kind,
        string html,
        string text,
        Placement placement,
        bool skipIfPresent,
        IReadOnlyList<InlineImage> images,
        SpecialMessagePolicy? specialMessages = null)
        : base(ruleName, failurePolicy, specialMessages)
    {
        Kind = kind;
        Html = html;
        Text = text;
        Placement = placement;
        SkipIfPresent = skipIfPresent;
        Images = images;
    }

    /// <summary>Signature, disclaimer or banner.</summary>
    public InsertionKind Kind { get; }

    /// <summary>The rendered HTML fragment.</summary>
    public string Html { get; }

    /// <summary>The rendered plain-text variant.</summary>
    public string Text { get; }

    /// <summary>Where to insert.</summary>
    public Placement Placement { get; }

    /// <summary>Skip when the newest part already carries this block (from the client or an earlier hop).</summary>
    public bool SkipIfPresent { get; }

    /// <summary>Images the HTML references by Content-ID.</summary>
    public IReadOnlyList<InlineImage> Images { get; }

    /// <summary>The name of the rules file's template this block was rendered from (for traces and <c>exrules test</c>); empty when not known.</summary>
    public string TemplateName { get; init; } = string.Empty;
}
