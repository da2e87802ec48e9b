namespace ExchangeRules.Engine.Templates;

/// <summary>
/// The seam between the rules engine and the template language. Templates are compiled once per
/// rules load; compilation errors are reported as <see cref="TemplateCompileException"/> with a location.
/// </summary>
public interface ITemplateCompiler
{
    /// <summary>Compiles a template.</summary>
    /// <param name="source">The template text.</param>
    /// <param name="format">Whether the output is HTML (values are HTML-encoded) or plain text.</param>
    /// <param name="sourceName">The file (or rule element) the template came from, for error messages.</param>
    /// <exception cref="TemplateCompileException">The template is not valid.</exception>
    ICompiledTemplate Compile(string source, TemplateFormat format, string sourceName);
}
