using System;
using System.Collections.Generic;
using MimeKit;

namespace ExchangeRules.Mime.Writing;

/// <summary>Where one MIME entity lies in the source stream and what it held right after the parse.</summary>
internal sealed class EntityRecord
{
    private readonly IMimeContent? _content;
    private readonly MimeEntity[]? _children;
    private readonly MimeMessage? _message;

    public EntityRecord(long begin, long headersEnd, long end, HeaderSnapshot headers, MimeEntity entity)
    {
        Begin = begin;
        HeadersEnd = headersEnd;
        End = end;
        Headers = headers;
        switch (entity)
        {
            case MimePart part:
                _content = part.Content;
                break;
            case Multipart multipart:
                _children = new MimeEntity[multipart.Count];
                multipart.CopyTo(_children, 0);
                break;
            case MessagePart attached:
                _message = attached.Message;
                break;
        }
    }

    /// <summary>The offset of the entity's first header line.</summary>
    public long Begin { get; }

    /// <summary>The offset just after the blank line that ends the headers: where the content starts.</summary>
    public long HeadersEnd { get; }

    /// <summary>The offset just after the content (a multipart child ends before the line break that precedes the next boundary).</summary>
    public long End { get; }

    /// <summary>The entity's own headers as parsed.</summary>
    public HeaderSnapshot Headers { get; }

    /// <summary>Whether a part still has the content it was parsed with.</summary>
    public bool HasOwnContent(MimePart part) => ReferenceEquals(part.Content, _content);

    /// <summary>The children a multipart was parsed with, in order (empty for other entities).</summary>
    public IReadOnlyList<MimeEntity> OriginalChildren => _children ?? Array.Empty<MimeEntity>();

    /// <summary>
    /// Whether the entity was parsed as a multipart, and so still has the preamble and epilogue of the source (its
    /// children may have changed): no edit sets a preamble or an epilogue. They are not compared: MimeKit decodes them
    /// anew on every read, through a charset lookup per candidate encoding, which cost more than all the writer's
    /// other checks together.
    /// </summary>
    public bool HasOwnFrame => _children is not null;

    /// <summary>Whether a multipart still has the children (same instances, same order), preamble and epilogue it was parsed with.</summary>
    public bool HasOwnStructure(Multipart multipart)
    {
        if (_children is null || multipart.Count != _children.Length)
        {
            return false;
        }

        for (var i = 0; i < _children.Length; i++)
        {
            if (!ReferenceEquals(multipart[i], _children[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a message part still holds the message it was parsed with.</summary>
    public bool HasOwnMessage(MessagePart attached) => _message is not null && ReferenceEquals(attached.Message, _message);
}
