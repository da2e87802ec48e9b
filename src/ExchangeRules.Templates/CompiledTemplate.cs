using System;
using System.Runtime.CompilerServices;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;
using Fluid;

namespace ExchangeRules.Templates;

/// <summary>A parsed Liquid template with the settings it renders under; immutable and thread-safe.</summary>
internal sealed class CompiledTemplate : ICompiledTemplate
{
    private readonly IFluidTemplate _template;
    private readonly TemplateOptions _options;
    private readonly TemplateCompilerOptions _limits;
    private readonly TemplateValues _values;
    private readonly bool _html;
    private readonly bool _convertToText;
    private readonly string _sourceName;

    // Renders by sender entry, when the output depends on the people alone (see TemplateDependencies): every message
    // from a sender renders the same signature, and rendering is a tenth of a stamp. The directory cache hands out the
    // same immutable entry message after message; the weak table lets a render go when its entry does.
    private readonly ConditionalWeakTable<DirectoryEntry, RenderSlot>? _renders;

    public CompiledTemplate(IFluidTemplate template, TemplateOptions options, TemplateCompilerOptions limits, TemplateValues values, bool html, bool convertToText, string sourceName)
    {
        _template = template;
        _options = options;
        _limits = limits;
        _values = values;
        _html = html;
        _convertToText = convertToText;
        _sourceName = sourceName;
        _renders = TemplateDependencies.DependOnlyOnPeople(template) ? new ConditionalWeakTable<DirectoryEntry, RenderSlot>() : null;
    }

    /// <summary>Whether renders are reused for the next message from the same sender (for tests).</summary>
    internal bool ReusesRenders => _renders is not null;

    public string Render(TemplateModel model)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        if (_renders is null || model.Sender is not { } sender)
        {
            return RenderAfresh(model);
        }

        var slot = _renders.GetValue(sender, _ => new RenderSlot());
        var last = slot.Value;
        if (last is not null && last.Matches(model))
        {
            return last.Output;
        }

        var output = RenderAfresh(model);
        slot.Value = new CachedRender(model, output);
        return output;
    }

    private string RenderAfresh(TemplateModel model)
    {
        var context = new TemplateContext(_options, StringComparer.OrdinalIgnoreCase);
        _values.Populate(context, model);
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

    /// <summary>The last render for one sender entry; replaced whole, so readers on other threads see a consistent pair.</summary>
    private sealed class RenderSlot
    {
        private volatile CachedRender? _value;

        public CachedRender? Value
        {
            get => _value;
            set => _value = value;
        }
    }

    /// <summary>A render and the rest of what the people values were built from (the sender entry is the slot's key).</summary>
    private sealed class CachedRender
    {
        private readonly string _senderDisplayName;
        private readonly string _senderAddress;
        private readonly DirectoryEntry? _onBehalfOf;

        public CachedRender(TemplateModel model, string output)
        {
            _senderDisplayName = model.SenderDisplayName;
            _senderAddress = model.SenderAddress;
            _onBehalfOf = model.OnBehalfOf;
            Output = output;
        }

        public string Output { get; }

        public bool Matches(TemplateModel model) =>
            ReferenceEquals(_onBehalfOf, model.OnBehalfOf)
            && string.Equals(_senderDisplayName, model.SenderDisplayName, StringComparison.Ordinal)
            && string.Equals(_senderAddress, model.SenderAddress, StringComparison.Ordinal);
    }
}
