using System.Collections.Generic;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Templates;

namespace ExchangeRules.Engine.Compilation;

/// <summary>A compiled action: produces the planned action for one message.</summary>
internal abstract class ActionTemplate
{
    public abstract PlannedAction Create(TemplateModel model);

    /// <summary>Whether <see cref="Create"/> needs a rendered template model.</summary>
    public virtual bool NeedsModel => false;
}

/// <summary>An action whose planned action is the same for every message (built once at load).</summary>
internal sealed class FixedAction : ActionTemplate
{
    private readonly PlannedAction _action;

    public FixedAction(PlannedAction action)
    {
        _action = action;
    }

    public PlannedAction Action => _action;

    public override PlannedAction Create(TemplateModel model) => _action;
}

/// <summary>A compiled template: HTML and text variants plus embedded images.</summary>
internal sealed class CompiledContentTemplate
{
    public CompiledContentTemplate(string name, ICompiledTemplate html, ICompiledTemplate text, IReadOnlyList<InlineImage> images)
    {
        Name = name;
        Html = html;
        Text = text;
        Images = images;
    }

    public string Name { get; }

    public ICompiledTemplate Html { get; }

    public ICompiledTemplate Text { get; }

    public IReadOnlyList<InlineImage> Images { get; }
}

/// <summary>Signature, disclaimer or banner: rendered per message.</summary>
internal sealed class InsertContentTemplate : ActionTemplate
{
    private readonly string _ruleName;
    private readonly FailurePolicy _policy;
    private readonly SpecialMessagePolicy _special;
    private readonly InsertionKind _kind;
    private readonly CompiledContentTemplate _template;
    private readonly Placement _placement;
    private readonly bool _skipIfPresent;

    public InsertContentTemplate(string ruleName, FailurePolicy policy, SpecialMessagePolicy special, InsertionKind kind, CompiledContentTemplate template, Placement placement, bool skipIfPresent)
    {
        _ruleName = ruleName;
        _policy = policy;
        _special = special;
        _kind = kind;
        _template = template;
        _placement = placement;
        _skipIfPresent = skipIfPresent;
    }

    public override bool NeedsModel => true;

    public override PlannedAction Create(TemplateModel model)
    {
        var html = _template.Html.Render(model);
        return new InsertContentAction(_ruleName, _policy, _kind, html, _template.Text.Render(model), _placement, _skipIfPresent, ImagesFor(model, html), _special)
        {
            TemplateName = _template.Name,
        };
    }

    /// <summary>The template's own images plus the directory photos the rendered HTML references.</summary>
    private IReadOnlyList<InlineImage> ImagesFor(TemplateModel model, string html)
    {
        var photos = DirectoryPhotos.ReferencedBy(model, html);
        if (photos.Count == 0)
        {
            return _template.Images;
        }

        var images = new List<InlineImage>(_template.Images.Count + photos.Count);
        images.AddRange(_template.Images);
        images.AddRange(photos);
        return images;
    }
}
