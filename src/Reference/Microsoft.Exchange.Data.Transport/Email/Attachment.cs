using System;
using System.IO;

namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// An attachment of a message. In this reference assembly the content is held in memory.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563872(v=exchg.150).
/// </summary>
public class Attachment
{
    private byte[] _content;

    /// <summary>Created by <see cref="AttachmentCollection"/> only.</summary>
    internal Attachment(string fileName, string contentType)
    {
        FileName = fileName;
        ContentType = contentType;
    }

    /// <summary>The MIME content type.</summary>
    public string ContentType { get; set; }

    /// <summary>The file name.</summary>
    public string FileName { get; set; }

    /// <summary>Whether the attachment is regular or inline.</summary>
    public AttachmentType AttachmentType { get; internal set; }

    /// <summary>The attached message, or <see langword="null"/>.</summary>
    public EmailMessage EmbeddedMessage { get; set; }

    /// <summary>Whether the attachment is an OLE object.</summary>
    public bool IsOleAttachment { get; internal set; }

    /// <summary>Opens the decoded content for reading.</summary>
    public Stream GetContentReadStream() => new MemoryStream(_content ?? Array.Empty<byte>(), writable: false);

    /// <summary>Opens the content; returns false when there is none.</summary>
    public bool TryGetContentReadStream(out Stream stream)
    {
        stream = _content is null ? null : GetContentReadStream();
        return stream is not null;
    }

    /// <summary>Opens a stream that replaces the content when it is closed.</summary>
    public Stream GetContentWriteStream() => new ContentWriteStream(bytes => _content = bytes);
}
