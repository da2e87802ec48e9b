namespace ExchangeRules.Engine.Messages;

/// <summary>What rules may ask of an attachment without reading its content.</summary>
public sealed class AttachmentInfo
{
    /// <summary>Creates the description of one attachment.</summary>
    public AttachmentInfo(string fileName, string mediaType, long size, bool isInline)
    {
        FileName = fileName ?? string.Empty;
        MediaType = mediaType ?? string.Empty;
        Size = size;
        IsInline = isInline;
    }

    /// <summary>The file name (empty when the part has none).</summary>
    public string FileName { get; }

    /// <summary>The media type, for example <c>application/pdf</c>.</summary>
    public string MediaType { get; }

    /// <summary>The decoded size in bytes, or an estimate from the encoded size.</summary>
    public long Size { get; }

    /// <summary>Whether the part is an inline (Content-ID referenced) part rather than an attachment.</summary>
    public bool IsInline { get; }
}
