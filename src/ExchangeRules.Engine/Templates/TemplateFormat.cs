namespace ExchangeRules.Engine.Templates;

/// <summary>The output format of a template.</summary>
public enum TemplateFormat
{
    /// <summary>HTML: every placed value is HTML-encoded and URLs are validated.</summary>
    Html = 0,

    /// <summary>Plain text.</summary>
    Text = 1,
}
