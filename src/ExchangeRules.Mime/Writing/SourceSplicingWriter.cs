using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
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

    // The message's line break, which every line this writer writes itself ends with.
    private readonly string _newLine;
    private readonly byte[] _newLineBytes;
    private readonly IDictionary<MimeEntity, bool> _unchanged = SourceLayout.NewAnswers();
    private readonly Dictionary<string, byte[]> _separators = new(StringComparer.Ordinal);
    private byte[]? _buffer;

    private SourceSplicingWriter(Stream source, SourceLayout layout, FormatOptions format, Stream destination)
    {
        _source = source;
        _layout = layout;
        _format = format;
        _destination = destination;
        _newLine = format.NewLineFormat == NewLineFormat.Dos ? "\r\n" : "\n";
        _newLineBytes = Encoding.ASCII.GetBytes(_newLine);
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

        if (_layout.IsUnchanged(message, _unchanged))
        {
            Copy(record.Begin, record.End);
            return;
        }

        var body = message.Body;
        var bodyRecord = body is null ? null : _layout.Find(body);

        // The header block holds the message's headers and its body's content headers, interleaved.
        var bodyHeadersUnchanged = ReferenceEquals(body, record.Body) && bodyRecord is not null && bodyRecord.Headers.Matches(body!.Headers);
        if (bodyHeadersUnchanged && record.Headers.Matches(message.Headers))
        {
            Copy(record.Begin, record.HeadersEnd);
        }
        else if (bodyHeadersUnchanged && record.Headers.Count > 0 && record.Headers.StartsWithSnapshot(message.Headers) && TryCopyHeadersAdding(record, message.Headers))
        {
            // The usual edit of a stamped message's header block: the stamp header added. MimeKit's writer puts headers
            // added to a message after all the parsed ones (the body's included), unless the message had none of its own.
        }
        else
        {
            message.WriteTo(_format, _destination, headersOnly: true);
        }

        if (body is not null)
        {
            WriteContent(body, isMessageBody: true);
        }
    }

    /// <summary>
    /// The source's header block with the headers added after the parsed ones written before its blank line, instead of
    /// the whole block through MimeKit's writer; false, with nothing written, when the block does not end in a blank line
    /// of the message's line breaks.
    /// </summary>
    private bool TryCopyHeadersAdding(MessageRecord record, HeaderList headers)
    {
        // The last header line's break, then the blank line.
        var blankLine = record.HeadersEnd - _newLineBytes.Length;
        if (blankLine <= record.Begin || !SourceHas(blankLine - _newLineBytes.Length, _newLineBytes, _newLineBytes.Length)
            || !SourceHas(blankLine, _newLineBytes, _newLineBytes.Length))
        {
            return false;
        }

        Copy(record.Begin, blankLine);
        for (var i = record.Headers.Count; i < headers.Count; i++)
        {
            WriteHeader(headers[i]);
        }

        WriteNewLine();
        return true;
    }

    /// <summary>One header as MimeKit's writer writes it (name, colon, raw value), with the message's line breaks.</summary>
    private void WriteHeader(Header header)
    {
        var field = header.RawField;
        _destination.Write(field, 0, field.Length);
        _destination.WriteByte((byte)':');
        var value = header.RawValue;
        var from = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\n')
            {
                var end = i > 0 && value[i - 1] == '\r' ? i - 1 : i;
                _destination.Write(value, from, end - from);
                WriteNewLine();
                from = i + 1;
            }
        }

        _destination.Write(value, from, value.Length - from);
        if (from < value.Length)
        {
            // A raw value always ends with a line break; one that does not still ends its line here.
            WriteNewLine();
        }
    }

    private void WriteNewLine() => _destination.Write(_newLineBytes, 0, _newLineBytes.Length);

    /// <summary>An entity with its headers.</summary>
    private void WriteEntity(MimeEntity entity)
    {
        var record = _layout.Find(entity);
        if (record is not null && record.Headers.Matches(entity.Headers))
        {
            if (_layout.IsUnchanged(entity, _unchanged))
            {
                Copy(record.Begin, record.End);
                return;
            }

            Copy(record.Begin, record.HeadersEnd);
            WriteContent(entity);
            return;
        }

        // A changed or new part: its headers as MimeKit writes them (with the blank line), its content copied if it is
        // stored already encoded (a spliced part whose charset changed).
        if (entity is MimePart part)
        {
            part.Headers.WriteTo(_format, _destination);
            if (!TryWriteEncoded(part))
            {
                part.WriteTo(_format, _destination, contentOnly: true);
            }

            return;
        }

        entity.WriteTo(_format, _destination);
    }

    /// <summary>An entity's content, after its header block has been written.</summary>
    private void WriteContent(MimeEntity entity, bool isMessageBody = false)
    {
        var record = _layout.Find(entity);

        // Changed headers may change how the content is written (its transfer encoding, a multipart's boundary).
        if (record is null || !record.Headers.Matches(entity.Headers))
        {
            if (entity is not MimePart part || isMessageBody || !TryWriteEncoded(part))
            {
                entity.WriteTo(_format, _destination, contentOnly: true);
            }

            return;
        }

        switch (entity)
        {
            case MimePart part when record.HasOwnContent(part):
                Copy(record.HeadersEnd, record.End);
                return;

            // MimeKit ends a message's single body part with a line break the content may lack: it writes that part itself.
            case MimePart part when !isMessageBody && TryWriteEncoded(part):
                return;
            case Multipart multipart when record.HasOwnStructure(multipart) && AllFromSource(multipart) && AllEndLikeTheSource(multipart):
                WriteChildren(multipart, record);
                return;
            case Multipart multipart when record.HasOwnFrame && CanReframe(multipart, record):
                WriteReframed(multipart, record);
                return;
            case MessagePart attached when record.HasOwnMessage(attached) && attached.Message is { } inner && _layout.Find(inner) is { } innerRecord
                && (inner.Body is null || EndsLikeTheSource(inner.Body)):
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

    /// <summary>
    /// A multipart whose children were replaced or added to (an inline image next to the HTML part): the preamble with
    /// the first boundary line and the closing boundary with the epilogue come from the source, the boundary lines in
    /// between are written as MimeKit writes them.
    /// </summary>
    private void WriteReframed(Multipart multipart, EntityRecord record)
    {
        var original = record.OriginalChildren;
        Copy(record.HeadersEnd, _layout.Find(original[0])!.Begin);
        var separator = Separator(multipart.Boundary!);
        for (var i = 0; i < multipart.Count; i++)
        {
            if (i > 0)
            {
                _destination.Write(separator, 0, separator.Length);
            }

            WriteEntity(multipart[i]);
        }

        Copy(_layout.Find(original[original.Count - 1])!.End, record.End);
    }

    /// <summary>
    /// Whether the source's frame can hold new children: it had children, each original child is followed by a line
    /// break and a boundary line (not so in a multipart cut off before its closing boundary), and no new part is empty
    /// (MimeKit writes no line break after an empty part).
    /// </summary>
    private bool CanReframe(Multipart multipart, EntityRecord record)
    {
        var original = record.OriginalChildren;
        if (original.Count == 0 || multipart.Count == 0 || multipart.Boundary is not { Length: > 0 } boundary)
        {
            return false;
        }

        var delimiter = Separator(boundary);
        var newLineLength = _newLine.Length;
        foreach (var child in original)
        {
            if (_layout.Find(child) is not { } childRecord || !SourceHas(childRecord.End, delimiter, delimiter.Length - newLineLength))
            {
                return false;
            }
        }

        foreach (var child in multipart)
        {
            if (_layout.Find(child) is null && child is not (MimePart { Content: not null } or Multipart or MessagePart))
            {
                return false;
            }
        }

        return AllEndLikeTheSource(multipart);
    }

    private bool AllEndLikeTheSource(Multipart multipart)
    {
        foreach (var child in multipart)
        {
            if (!EndsLikeTheSource(child))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether what is written for an entity from the source ends where the source's copy ends, so that the bytes after
    /// it can be copied. Not so for a changed multipart cut off before its closing boundary: MimeKit ends it with a line
    /// break the source does not have there.
    /// </summary>
    private bool EndsLikeTheSource(MimeEntity entity)
    {
        var record = _layout.Find(entity);
        if (record is null || _layout.IsUnchanged(entity, _unchanged))
        {
            return true;
        }

        return entity switch
        {
            Multipart multipart => IsClosed(multipart, record),
            MessagePart { Message.Body: { } body } => EndsLikeTheSource(body),
            _ => true,
        };
    }

    /// <summary>Whether a multipart's last original child is followed in the source by the closing boundary.</summary>
    private bool IsClosed(Multipart multipart, EntityRecord record)
    {
        var original = record.OriginalChildren;
        if (original.Count == 0 || multipart.Boundary is not { Length: > 0 } boundary || _layout.Find(original[original.Count - 1]) is not { } last)
        {
            return false;
        }

        var closing = Encoding.UTF8.GetBytes(_newLine + "--" + boundary + "--");
        return SourceHas(last.End, closing, closing.Length);
    }

    /// <summary>The line break, the boundary line and its line break that MimeKit writes between two children.</summary>
    private byte[] Separator(string boundary)
    {
        if (!_separators.TryGetValue(boundary, out var separator))
        {
            separator = Encoding.UTF8.GetBytes(_newLine + "--" + boundary + _newLine);
            _separators[boundary] = separator;
        }

        return separator;
    }

    /// <summary>
    /// Copies an edited part's content that the editor stored already encoded in the part's transfer encoding and with the
    /// message's line breaks, which is what MimeKit's writer would produce from it, byte for byte.
    /// </summary>
    private bool TryWriteEncoded(MimePart part)
    {
        var content = part.Content;
        if (content is null || content.Encoding != part.ContentTransferEncoding
            || content.Stream is not MemoryStream memory || !memory.TryGetBuffer(out var encoded) || encoded.Array is null)
        {
            return false;
        }

        if (content.Encoding != ContentEncoding.Binary && !HasOnlyLineBreaksOf(encoded, _format.NewLineFormat))
        {
            return false;
        }

        _destination.Write(encoded.Array, encoded.Offset, encoded.Count);
        return true;
    }

    private static bool HasOnlyLineBreaksOf(ArraySegment<byte> bytes, NewLineFormat format) =>
        format == NewLineFormat.Unix ? bytes.AsSpan().IndexOf("\r\n"u8) < 0 : LineBreakScan.HasOnlyCrLf(bytes);

    /// <summary>Whether the source holds <paramref name="expected"/>'s first <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
    private bool SourceHas(long offset, byte[] expected, int length)
    {
        var buffer = _buffer ??= ArrayPool<byte>.Shared.Rent(_copyBufferSize);
        if (length > buffer.Length || offset + length > _source.Length)
        {
            return false;
        }

        _source.Position = offset;
        var read = 0;
        while (read < length)
        {
            var n = _source.Read(buffer, read, length - read);
            if (n <= 0)
            {
                return false;
            }

            read += n;
        }

        return buffer.AsSpan(0, length).SequenceEqual(expected.AsSpan(0, length));
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
