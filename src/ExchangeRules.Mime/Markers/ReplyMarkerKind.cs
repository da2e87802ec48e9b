namespace ExchangeRules.Mime.Markers;

/// <summary>How a reply marker is recognised.</summary>
public enum ReplyMarkerKind
{
    /// <summary>An HTML element whose attribute value matches a pattern.</summary>
    Html = 0,

    /// <summary>A line of decoded text (a plain-text line or the text of a short HTML block).</summary>
    Text = 1,
}
