namespace ExchangeRules.Engine.Actions;

/// <summary>An image embedded with a template, referenced from its HTML as <c>cid:ContentId</c>.</summary>
public sealed class InlineImage
{
    /// <summary>Creates an inline image.</summary>
    public InlineImage(string contentId, string fileName, string mediaType, byte[] content)
    {
        ContentId = contentId;
        FileName = fileName;
        MediaType = mediaType;
        Content = content;
    }

    /// <summary>The stable Content-ID (without angle brackets).</summary>
    public string ContentId { get; }

    /// <summary>The file name of the image part.</summary>
    public string FileName { get; }

    /// <summary>The media type, for example <c>image/png</c>.</summary>
    public string MediaType { get; }

    /// <summary>The image bytes (shared, never modified).</summary>
    public byte[] Content { get; }
}
