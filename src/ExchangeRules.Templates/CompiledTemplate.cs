using System;
using ExchangeRules.Engine.Templates;
using Fluid;

namespace ExchangeRules.Templates;

/// <summary>A parsed Liquid template with the settings it renders under; immutable and thread-safe.</summary>
internal sealed class CompiledTemplate : ICompiledTemplate
{
    private readonly IFluidTemplate _template;
    private readonly TemplateOptions _options;
    private readonly TemplateCompilerOptions _limits;
    private readonly bool _html;
    private readonly bool _convertToText;
    private readonly string _sourceName;

    public CompiledTemplate(IFluidTemplate template, TemplateOptions options, TemplateCompilerOptions limits, bool html, bool convertToText, string sourceName)
    {
        _template = template;
        _options = options;
        _limits = limits;
        _html = html;
        _convertToText = convertToText;
        _sourceName = sourceName;
    }

    public string Render(TemplateModel model)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        var context = new TemplateContext(_options, StringComparer.OrdinalIgnoreCase);
        TemplateValues.Populate(context, model);
        using var writer = new BoundedStringWriter(_limits.MaxOutputLength);
        try
        {
            var pending = _template.RenderAsync(writer, NullEncoder.Default, context);

            // Nothing in a template awaits I/O (no includes, no async members), so this completes synchronously.
            pending.AsTask().GetAwaiter().GetResult();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{_sourceName}: the template could not be rendered: {ex.Message}", ex);
        }

        var output = EmptyLineRemover.Apply(writer.ToString(), _html);
        return _convertToText ? HtmlToText.Convert(output) : output;
    }
}
