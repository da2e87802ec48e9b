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

    private CompiledTemplate CompileCore(string source, TemplateFormat format, string sourceName, bool convertToText)
    {
        if (source is null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        sourceName ??= "template";
        var liquid = TemplateSourceRewriter.Rewrite(source, format, sourceName);
        if (!_parser.TryParse(liquid, out var template, out var error))
        {
            var position = _errorPosition.Match(error ?? string.Empty);
            var line = position.Success ? int.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture) : 0;
            var column = position.Success ? int.Parse(position.Groups["column"].Value, CultureInfo.InvariantCulture) : 0;
            throw new TemplateCompileException($"{sourceName}:{line}:{column}: {error}", sourceName, line, column);
        }

        return new CompiledTemplate(template, _options, _limits, format == TemplateFormat.Html, convertToText, sourceName);
    }
}
