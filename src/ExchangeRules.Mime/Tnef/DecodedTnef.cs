using System;
using System.IO;
using System.Runtime.CompilerServices;
using MimeKit;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// A TNEF part's stream decoded once per message: the bytes, the attributes and the message properties. The message
/// type (<see cref="TnefMessageClass"/>, while the message is read) and the editor (<see cref="SummaryTnefBody"/>)
/// both need them; the second asks for what the first decoded instead of decoding the part again. The decoding is
/// remembered beside the part only while the part lives and only for the content it was decoded from: a part whose
/// content was replaced is decoded again.
/// </summary>
internal sealed class DecodedTnef
{
    private static readonly ConditionalWeakTable<MimePart, Slot> _decoded = new();

    private DecodedTnef(IMimeContent content, byte[] bytes, TnefDocument document, TnefMessageBody body)
    {
        Content = content;
        Bytes = bytes;
        Document = document;
        Body = body;
    }

    /// <summary>The content the stream was decoded from.</summary>
    public IMimeContent Content { get; }

    /// <summary>The TNEF bytes as they arrived.</summary>
    public byte[] Bytes { get; }

    /// <summary>The attributes.</summary>
    public TnefDocument Document { get; }

    /// <summary>The message-level properties.</summary>
    public TnefMessageBody Body { get; }

    /// <summary>The part's stream decoded, from the earlier decoding of the same content when there was one.</summary>
    /// <exception cref="InvalidDataException">The part has no content, the stream is not well-formed TNEF, or its message properties cannot be decoded.</exception>
    public static DecodedTnef Of(MimePart part)
    {
        var content = part.Content ?? throw new InvalidDataException("The TNEF part has no content.");
        var slot = _decoded.GetValue(part, _ => new Slot());
        lock (slot)
        {
            if (slot.Decoded is { } earlier && ReferenceEquals(earlier.Content, content))
            {
                return earlier;
            }

            var bytes = Decode(content);
            var document = TnefDocument.Read(bytes);
            slot.Decoded = new DecodedTnef(content, bytes, document, TnefMessageBody.Read(document));
            return slot.Decoded;
        }
    }

    /// <summary>The decoded bytes of a part's content, decoded once into a buffer the size of the encoded content (never smaller than the decoded bytes).</summary>
    private static byte[] Decode(IMimeContent content)
    {
        var capacity = content.Stream is { CanSeek: true } stream ? (int)Math.Min(stream.Length + 64, int.MaxValue - 64) : 0;
        using var decoded = new MemoryStream(capacity);
        content.DecodeTo(decoded);
        return decoded.Length == decoded.Capacity ? decoded.GetBuffer() : decoded.ToArray();
    }

    private sealed class Slot
    {
        public DecodedTnef? Decoded { get; set; }
    }
}
