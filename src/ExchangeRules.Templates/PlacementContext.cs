namespace ExchangeRules.Templates;

/// <summary>Where a placeholder's value lands in the output, which decides how it is encoded.</summary>
internal enum PlacementContext
{
    /// <summary>Plain-text output: no encoding.</summary>
    Text,

    /// <summary>HTML element content: HTML-encoded, line breaks become <c>&lt;br&gt;</c>.</summary>
    Html,

    /// <summary>Inside an HTML attribute value: HTML-encoded, line breaks become spaces.</summary>
    Attribute,

    /// <summary>The whole start of an <c>href</c>/<c>src</c> value: the URL is validated, then encoded.</summary>
    Url,
}
