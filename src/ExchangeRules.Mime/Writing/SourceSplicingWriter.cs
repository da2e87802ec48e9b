using System;
using System.Buffers;
using System.IO;
using MimeKit;

namespace ExchangeRules.Mime.Writing;

/// <summary>
/// Writes an edited message: every entity, header block and boundary gap that is as parsed is copied from the source
/// stream byte for byte, and MimeKit serialises only what the edit changed (the edited text parts, the top-level
/// header block, new entities). Copying is what makes a stamp cheap: MimeKit's writer passes every byte of every
/// part through its line-ending filter, which costs more than the parse of the message.
/// </summary>
internal sealed class SourceSplicingWriter
{
    private const int _copyBufferSize = 16 * 1024;
    private readonly Stream _source;
    private readonly SourceLayout _layout;
    private readonly FormatOptions _format;
    private readonly Stream _destination;
    private byte[]? _buffer;

    private SourceSplicingWriter(Stream source, SourceLayout layout, FormatOptions format, Stream destination)
    {
        _source = source;
        _layout = layout;
        _format = format;
        _destination = destination;
    }

    /// <summary>Writes <paramref name="message"/> to <paramref name="destination"/>, copying what is unchanged from <paramref name="source"/>.</summary>
    public static void Write(MimeMessage message, Stream source, SourceLayout layout, FormatOptions format, Stream destination)
    {
        var writer = new SourceSplicingWriter(source, layout, format, destination);
        try
        {
            writer.WriteMessage(message);
        }
        finally
        {
            if (writer._buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(writer._buffer);
            }
        }
    }

    private void WriteMessage(MimeMessage message)
    {
        var record = _layout.Find(message);
        if (record is null)
        {
            message.WriteTo(_format, _destination);
            return;
        }

        if (_layout.IsUnchanged(message))
        {
            Copy(record.Begin, record.End);
            return;
        }

        var body = message.Body;
        var bodyRecord = body is null ? null : _layout.Find(body);

        // The header block holds the message's headers and its body's content headers, interleaved.
        if (record.Headers.Matches(message.Headers) && ReferenceEquals(body, record.Body) && bodyRecord is not null && bodyRecord.Headers.Matches(body!.Headers))
        {
            Copy(record.Begin, record.HeadersEnd);
        }
        else
        {
            message.WriteTo(_format, _destination, headersOnly: true);
        }

        if (body is not null)
        {
            WriteContent(body);
        }
    }

    /// <summary>An entity with its headers.</summary>
    private void WriteEntity(MimeEntity entity)
    {
        var record = _layout.Find(entity);
        if (record is null || !record.Headers.Matches(entity.Headers))
        {
            entity.WriteTo(_format, _destination);
            return;
        }

        if (_layout.IsUnchanged(entity))
        {
            Copy(record.Begin, record.End);
            return;
        }

        Copy(record.Begin, record.HeadersEnd);
        WriteContent(entity);
    }

    /// <summary>An entity's content, after its header block has been written.</summary>
    private void WriteContent(MimeEntity entity)
    {
        var record = _layout.Find(entity);

        // Changed headers may change how the content is written (its transfer encoding, a multipart's boundary).
        if (record is null || !record.Headers.Matches(entity.Headers))
        {
            entity.WriteTo(_format, _destination, contentOnly: true);
            return;
        }

        switch (entity)
        {
            case MimePart part when record.HasOwnContent(part):
                Copy(record.HeadersEnd, record.End);
                return;
            case Multipart multipart when record.HasOwnStructure(multipart) && AllFromSource(multipart):
                WriteChildren(multipart, record);
                return;
            case MessagePart attached when record.HasOwnMessage(attached) && attached.Message is { } inner && _layout.Find(inner) is { } innerRecord:
                Copy(record.HeadersEnd, innerRecord.Begin);
                WriteMessage(inner);
                Copy(innerRecord.End, record.End);
                return;
            default:
                entity.WriteTo(_format, _destination, contentOnly: true);
                return;
        }
    }

    /// <summary>The preamble, the boundary lines between the children and the epilogue come from the source; each child is written on its own.</summary>
    private void WriteChildren(Multipart multipart, EntityRecord record)
    {
        var position = record.HeadersEnd;
        for (var i = 0; i < multipart.Count; i++)
        {
            var child = _layout.Find(multipart[i])!;
            Copy(position, child.Begin);
            WriteEntity(multipart[i]);
            position = child.End;
        }

        Copy(position, record.End);
    }

    private bool AllFromSource(Multipart multipart)
    {
        for (var i = 0; i < multipart.Count; i++)
        {
            if (_layout.Find(multipart[i]) is null)
            {
                return false;
            }
        }

        return true;
    }

    private void Copy(long from, long to)
    {
        if (to <= from)
        {
            return;
        }

        var buffer = _buffer ??= ArrayPool<byte>.Shared.Rent(_copyBufferSize);
        _source.Position = from;
        var left = to - from;
        while (left > 0)
        {
            var read = _source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read <= 0)
            {
                throw new IOException($"The message source ended at offset {from + (to - from - left)}, before offset {to} that its parse recorded.");
            }

            _destination.Write(buffer, 0, read);
            left -= read;
        }
    }
}
