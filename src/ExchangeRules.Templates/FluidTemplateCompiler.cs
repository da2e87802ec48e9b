using System;
using System.Globalization;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Templates;
using Fluid;
using Microsoft.Extensions.FileProviders;

namespace ExchangeRules.Templates;

/// <summary>
/// Compiles signature, disclaimer and banner templates written in Liquid (the Fluid engine), with Exchange's
/// <c>%%Token%%</c> accepted as aliases. Templates are sandboxed: no includes or file access, no access to .NET
/// members, and bounded steps, nesting and output. Every value is encoded for where it lands; a line whose
/// placeholders are all empty is dropped. See docs/templates.md.
/// </summary>
public sealed class FluidTemplateCompiler : ITemplateCompiler
{
    private static readonly Regex _errorPosition = new(@"\((?<line>\d+):(?<column>\d+)\)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private readonly FluidParser _parser = new(new FluidParserOptions { AllowFunctions = false, AllowLiquidTag = false });
    private readonly TemplateOptions _options;
    private readonly TemplateCompilerOptions _limits;
    private readonly TemplateFieldCheck _fields;
    private readonly TemplateValues _values;

    /// <summary>Creates a compiler.</summary>
    /// <param name="options">Limits and culture; the defaults when <see langword="null"/>.</param>
    public FluidTemplateCompiler(TemplateCompilerOptions? options = null)
    {
        _limits = options ?? new TemplateCompilerOptions();
        _options = new TemplateOptions
        {
            FileProvider = new NullFileProvider(),
            MaxSteps = _limits.MaxSteps,
            MaxRecursion = _limits.MaxRecursion,
            CultureInfo = _limits.Culture ?? CultureInfo.InvariantCulture,
            ModelNamesComparer = StringComparer.OrdinalIgnoreCase,
            Trimming = TrimmingFlags.TagRight,
        };
        _options.MemberAccessStrategy = new DefaultMemberAccessStrategy();
        TemplateFilters.Register(_options);
        _fields = new TemplateFieldCheck(_limits.CustomFields);
        _values = new TemplateValues(_limits.CustomFields);
    }

    /// <inheritdoc />
    public ICompiledTemplate Compile(string source, TemplateFormat format, string sourceName) =>
        CompileCore(source, format, sourceName, convertToText: false);

    /// <summary>
    /// Compiles an HTML template whose output is converted to plain text: the text variant of a signature
    /// when the rule gives only HTML.
    /// </summary>
    /// <exception cref="TemplateCompileException">The template is not valid.</exception>
    public ICompiledTemplate CompileTextFromHtml(string htmlSource, string sourceName) =>
        CompileCore(htmlSource, TemplateFormat.Html, sourceName, convertToText: true);

    /// <summary>
    /// Fluid's error ("message at (line:column)", then "Source:" and the line of the compiled text) told in the admin's
    /// terms: the position mapped back to the admin's template, and the admin's own line instead of our rewritten one.
    /// </summary>
    private static TemplateCompileException SyntaxError(RewrittenSource liquid, string error, string sourceName)
    {
        var sourceAt = error.IndexOf("\nSource:", StringComparison.Ordinal);
        var message = (sourceAt >= 0 ? error.Substring(0, sourceAt) : error).Trim();
        var position = _errorPosition.Match(message);
        if (!position.Success)
        {
            return new TemplateCompileException(message, sourceName, 0, 0);
        }

        var (line, column) = liquid.OriginalPosition(
            int.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture),
            int.Parse(position.Groups["column"].Value, CultureInfo.InvariantCulture));
        message = (message.Substring(0, position.Index) + message.Substring(position.Index + position.Length)).Trim();
        if (message.EndsWith(" at", StringComparison.Ordinal))
        {
            message = message.Substring(0, message.Length - 3);
        }

        var lines = liquid.Original.Split('\n');
        var text = line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : string.Empty;
        return new TemplateCompileException($"{message}\n  {text}", sourceName, line, column);
    }

    private CompiledTemplate CompileCore(string source, TemplateFormat format, string sourceName, bool convertToText)
    {
        if (source is null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        sourceName ??= "template";
        var liquid = TemplateSourceRewriter.Rewrite(source, format, sourceName);
        if (!_parser.TryParse(liquid.Text, out var template, out var error))
        {
            throw SyntaxError(liquid, error ?? "the template is not valid Liquid", sourceName);
        }

        _fields.Check(template, source, sourceName);
        return new CompiledTemplate(template, _options, _limits, _values, format == TemplateFormat.Html, convertToText, sourceName);
    }
}
