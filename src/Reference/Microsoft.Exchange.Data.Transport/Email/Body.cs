using System;
using System.IO;

namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// The body of a message. In this reference assembly the content is held in memory.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563877(v=exchg.150).
/// </summary>
public class Body
{
    private byte[] _content;

    /// <summary>Created by <see cref="EmailMessage"/> only.</summary>
    internal Body(BodyFormat bodyFormat, string charsetName)
    {
        BodyFormat = bodyFormat;
        CharsetName = charsetName;
    }

    /// <summary>The body format.</summary>
    public BodyFormat BodyFormat { get; }

    /// <summary>The charset of the body content.</summary>
    public string CharsetName { get; private set; }

    /// <summary>Whether the body must be converted to be shown in one of <paramref name="validCodepages"/>.</summary>
    public bool ConversionNeeded(int[] validCodepages) => false;

    /// <summary>Opens the decoded body content for reading.</summary>
    public Stream GetContentReadStream() => new MemoryStream(_content ?? Array.Empty<byte>(), writable: false);

    /// <summary>Opens the body content, or returns <see langword="null"/> when there is none.</summary>
    public Stream GetContentReadStreamOrNull() => _content is null ? null : GetContentReadStream();

    /// <summary>Opens the body content; returns false when there is none.</summary>
    public bool TryGetContentReadStream(out Stream stream)
    {
        stream = GetContentReadStreamOrNull();
        return stream is not null;
    }

    /// <summary>Opens a stream that replaces the body content when it is closed.</summary>
    public Stream GetContentWriteStream() => new ContentWriteStream(bytes => _content = bytes);

    /// <summary>Opens a stream that replaces the body content, in <paramref name="charsetName"/>.</summary>
    public Stream GetContentWriteStream(string charsetName)
    {
        CharsetName = charsetName;
        return GetContentWriteStream();
    }
}
