namespace ExchangeRules.Engine.Templates;

/// <summary>A compiled, immutable template; safe to render from many threads at once.</summary>
public interface ICompiledTemplate
{
    /// <summary>Renders the template for one message.</summary>
    string Render(TemplateModel model);
}
