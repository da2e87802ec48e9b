using System;
using System.Collections.Generic;
using System.IO;
using MimeKit.Tnef;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// A TNEF stream as its sequence of attributes ([MS-OXTNEF] 2.1.3): the legacy key and every attribute with its raw
/// value, in stream order. Reading checks the signature, levels, lengths and checksums; <see cref="TnefStreamWriter"/> writes it back. Nothing is interpreted here, so a stream read and
/// written again is the same stream: that is what lets an editor change one property and leave every other MAPI
/// property (voting buttons, flags, categories, meeting data) as it was.
/// </summary>
public sealed class TnefDocument
{
    /// <summary>Creates a document.</summary>
    /// <param name="key">The legacy key of the stream header (used only by legacy attachment references).</param>
    /// <param name="attributes">The attributes in stream order.</param>
    public TnefDocument(ushort key, IReadOnlyList<TnefField> attributes)
    {
        Key = key;
        Attributes = attributes ?? throw new ArgumentNullException(nameof(attributes));
    }

    /// <summary>The legacy key of the stream header.</summary>
    public ushort Key { get; }

    /// <summary>The attributes in stream order.</summary>
    public IReadOnlyList<TnefField> Attributes { get; }

    /// <summary>Reads a whole TNEF stream.</summary>
    /// <param name="stream">The TNEF bytes (the decoded content of an application/ms-tnef part).</param>
    /// <exception cref="InvalidDataException">The stream is not well-formed TNEF (signature, level, length or checksum); the message names the offset.</exception>
    public static TnefDocument Read(Stream stream)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Read(copy.ToArray());
    }

    /// <summary>Reads a TNEF stream held in memory.</summary>
    /// <exception cref="InvalidDataException">The stream is not well-formed TNEF (signature, level, length or checksum); the message names the offset.</exception>
    public static TnefDocument Read(byte[] tnef)
    {
        if (tnef is null)
        {
            throw new ArgumentNullException(nameof(tnef));
        }

        // The framing is five fixed fields ([MS-OXTNEF] 2.1.3.1); MimeKit's reader interprets values and stays the
        // independent check in the tests, this keeps every raw byte so that a stream can be written back as it was.
        if (tnef.Length < 6 || ReadUInt32(tnef, 0) != TnefStreamWriter.Signature)
        {
            throw new InvalidDataException("Not a TNEF stream: the signature 0x223E9F78 is missing at offset 0.");
        }

        ushort key = (ushort)(tnef[4] | (tnef[5] << 8));
        var attributes = new List<TnefField>();
        int offset = 6;
        while (offset < tnef.Length)
        {
            if (tnef.Length - offset < 11)
            {
                throw new InvalidDataException($"TNEF attribute at offset {offset} is truncated: {tnef.Length - offset} bytes left, 11 needed for an empty one.");
            }

            var level = (TnefAttributeLevel)tnef[offset];
            if (level is not (TnefAttributeLevel.Message or TnefAttributeLevel.Attachment))
            {
                throw new InvalidDataException($"TNEF attribute at offset {offset} has level {tnef[offset]}; only 1 (message) and 2 (attachment) exist.");
            }

            var tag = (TnefAttributeTag)ReadUInt32(tnef, offset + 1);
            uint length = ReadUInt32(tnef, offset + 5);
            if (length > (uint)(tnef.Length - offset - 11))
            {
                throw new InvalidDataException($"TNEF attribute {tag} at offset {offset} claims {length} bytes; the stream has {tnef.Length - offset - 11} left.");
            }

            var value = new byte[length];
            Buffer.BlockCopy(tnef, offset + 9, value, 0, (int)length);
            int checksumOffset = offset + 9 + (int)length;
            ushort checksum = (ushort)(tnef[checksumOffset] | (tnef[checksumOffset + 1] << 8));
            if (checksum != TnefStreamWriter.Checksum(value))
            {
                throw new InvalidDataException($"TNEF attribute {tag} at offset {offset} has checksum 0x{checksum:X4}; its value sums to 0x{TnefStreamWriter.Checksum(value):X4}.");
            }

            attributes.Add(new TnefField(level, tag, value));
            offset = checksumOffset + 2;
        }

        return new TnefDocument(key, attributes);
    }

    /// <summary>The stream's bytes, as <see cref="TnefStreamWriter"/> writes them.</summary>
    public byte[] ToArray()
    {
        // Written into a buffer of the exact size: no growing copies (a stream of some 100 KB would otherwise leave
        // several buffers on the large object heap).
        long length = 6;
        foreach (TnefField attribute in Attributes)
        {
            length += 11L + attribute.Value.Length;
        }

        var bytes = new byte[length];
        using var output = new MemoryStream(bytes, writable: true);
        TnefStreamWriter.Write(this, output);
        return bytes;
    }

    /// <summary>A copy with one attribute replaced.</summary>
    public TnefDocument With(int index, TnefField attribute)
    {
        var copy = new List<TnefField>(Attributes);
        copy[index] = attribute ?? throw new ArgumentNullException(nameof(attribute));
        return new TnefDocument(Key, copy);
    }

    private static uint ReadUInt32(byte[] data, int offset) =>
        (uint)(data[offset] | (data[offset + 1] << 8) | (data[offset + 2] << 16) | (data[offset + 3] << 24));
}
