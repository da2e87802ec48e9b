using MimeKit;

namespace ExchangeRules.Mime.Writing;

/// <summary>Where one message (the top-level one or an attached one) lies in the source stream, and its headers and body as parsed.</summary>
internal sealed class MessageRecord
{
    public MessageRecord(long begin, long headersEnd, long end, HeaderSnapshot headers, MimeEntity? body)
    {
        Begin = begin;
        HeadersEnd = headersEnd;
        End = end;
        Headers = headers;
        Body = body;
    }

    /// <summary>The offset of the first header line.</summary>
    public long Begin { get; }

    /// <summary>The offset just after the blank line that ends the header block (shared by the message and its body).</summary>
    public long HeadersEnd { get; }

    /// <summary>The offset just after the message.</summary>
    public long End { get; }

    /// <summary>The message's own (non-content) headers as parsed.</summary>
    public HeaderSnapshot Headers { get; }

    /// <summary>The body entity as parsed.</summary>
    public MimeEntity? Body { get; }
}
