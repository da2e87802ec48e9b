using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using System.Xml.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Templates;
using static ExchangeRules.Engine.Loading.XmlValues;

namespace ExchangeRules.Engine.Loading;

/// <summary>Reads the templates element: template text from files or inline CDATA, compiled once; images read once.</summary>
internal sealed class TemplateBuilder
{
    private readonly LoadContext _context;

    public TemplateBuilder(LoadContext context)
    {
        _context = context;
    }

    /// <summary>The templates by name; a template with errors is present as null so actions naming it are not reported again.</summary>
    public Dictionary<string, CompiledContentTemplate?> Build(XElement? templates)
    {
        var result = new Dictionary<string, CompiledContentTemplate?>(StringComparer.OrdinalIgnoreCase);
        if (templates is null)
        {
            return result;
        }

        foreach (var template in templates.Elements(Name("template")))
        {
            var name = Attribute(template, "name") ?? string.Empty;
            if (result.ContainsKey(name))
            {
                _context.Add(template, $"duplicate template name '{name}'");
                continue;
            }

            var errorsBefore = _context.Errors.Count;
            var html = Compile(template.Element(Name("html")), TemplateFormat.Html, name);
            var text = Compile(template.Element(Name("text")), TemplateFormat.Text, name);
            var images = Images(template);
            result[name] = html is not null && text is not null && _context.Errors.Count == errorsBefore
                ? new CompiledContentTemplate(name, html, text, images)
                : null;
        }

        return result;
    }

    private ICompiledTemplate? Compile(XElement? element, TemplateFormat format, string templateName)
    {
        if (element is null)
        {
            return null;
        }

        var file = element.Attribute("file");
        var inline = element.Value;
        string source;
        string sourceName;
        var lineOffset = 0;
        if (file is not null)
        {
            if (inline.Trim().Length > 0)
            {
                _context.Add(element, $"conflicting options: template '{templateName}' {element.Name.LocalName} has both a file and inline text; use one");
                return null;
            }

            var text = _context.ReadText(file, file.Value.Trim(), out var fullPath);
            if (text is null)
            {
                return null;
            }

            source = text;
            sourceName = fullPath!;
        }
        else
        {
            if (inline.Trim().Length == 0)
            {
                _context.Add(element, $"template '{templateName}' {element.Name.LocalName} is empty: give a file attribute or inline text (CDATA)");
                return null;
            }

            source = inline;
            sourceName = _context.Path;
            lineOffset = ((IXmlLineInfo)element).LineNumber - 1;
        }

        if (_context.Compiler is null)
        {
            return NotCompiled.Instance;
        }

        try
        {
            return _context.Compiler.Compile(source, format, sourceName);
        }
        catch (TemplateCompileException exception)
        {
            if (file is null || exception.Line == 0)
            {
                var at = (IXmlLineInfo)element;
                var line = exception.Line > 0 ? lineOffset + exception.Line : at.LineNumber;
                var column = exception.Line > 0 ? exception.Column : at.LinePosition;
                _context.Add(_context.Path, line, column, $"template '{templateName}' {element.Name.LocalName}: {exception.Reason}");
            }
            else
            {
                _context.Add(sourceName, exception.Line, exception.Column, $"template '{templateName}' {element.Name.LocalName}: {exception.Reason}");
            }

            return null;
        }
    }

    private List<InlineImage> Images(XElement template)
    {
        var images = new List<InlineImage>();
        var contentIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var image in template.Elements(Name("image")))
        {
            var contentId = Attribute(image, "contentId") ?? string.Empty;
            var file = image.Attribute("file");
            if (!contentIds.Add(contentId))
            {
                _context.Add(image, $"duplicate image contentId '{contentId}' in template '{Attribute(template, "name")}'");
                continue;
            }

            if (file is null)
            {
                continue;
            }

            var bytes = _context.ReadBytes(file, file.Value.Trim(), _context.Options.MaxImageBytes, "image");
            if (bytes is null)
            {
                continue;
            }

            var fileName = Path.GetFileName(file.Value.Trim());
            var mediaType = Attribute(image, "mediaType") ?? MediaTypes.FromFileName(fileName);
            if (!mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            {
                _context.Add(image, $"image '{fileName}' has media type '{mediaType}': give an image/* mediaType (png, jpg, gif are recognised from the extension)");
                continue;
            }

            images.Add(new InlineImage(contentId, fileName, mediaType, bytes));
        }

        return images;
    }

    /// <summary>Stands in for templates when validating without a template compiler (never rendered).</summary>
    private sealed class NotCompiled : ICompiledTemplate
    {
        public static NotCompiled Instance { get; } = new();

        public string Render(TemplateModel model) => string.Empty;
    }
}
