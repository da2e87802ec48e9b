using System;
using System.IO;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// Writes a TNEF stream ([MS-OXTNEF] 2.1.3.1): the signature 0x223E9F78 and the legacy key, then each attribute as
/// level (1 byte), identifier (4), length (4), value and checksum (2: the sum of the value's bytes modulo 65536),
/// all little-endian.
/// </summary>
public static class TnefStreamWriter
{
    /// <summary>The TNEF signature, the first four bytes of every stream.</summary>
    public const uint Signature = 0x223E9F78;

    /// <summary>Writes the whole document.</summary>
    public static void Write(TnefDocument document, Stream output)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        var header = new byte[6];
        WriteUInt32(header, 0, Signature);
        header[4] = (byte)document.Key;
        header[5] = (byte)(document.Key >> 8);
        output.Write(header, 0, header.Length);

        var frame = new byte[9];
        foreach (TnefField attribute in document.Attributes)
        {
            frame[0] = (byte)attribute.Level;
            WriteUInt32(frame, 1, (uint)attribute.Tag);
            WriteUInt32(frame, 5, (uint)attribute.Value.Length);
            output.Write(frame, 0, frame.Length);
            output.Write(attribute.Value, 0, attribute.Value.Length);
            ushort checksum = Checksum(attribute.Value);
            output.WriteByte((byte)checksum);
            output.WriteByte((byte)(checksum >> 8));
        }
    }

    /// <summary>The attribute checksum of [MS-OXTNEF] 2.1.3.1: the sum of the value's bytes modulo 65536.</summary>
    public static ushort Checksum(byte[] value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        // Eight bytes at a time: the bytes at even and at odd positions are added in four 16-bit lanes each, folded
        // before a lane could overflow (255 × 2 × 128 < 65536); the remainder byte by byte.
        const ulong lanes = 0x00FF00FF00FF00FFUL;
        uint sum = 0;
        int i = 0;
        while (value.Length - i >= 8)
        {
            ulong wide = 0;
            int blockEnd = Math.Min(value.Length - ((value.Length - i) % 8), i + (128 * 8));
            for (; i < blockEnd; i += 8)
            {
                ulong word = BitConverter.ToUInt64(value, i);
                wide += (word & lanes) + ((word >> 8) & lanes);
            }

            sum += (uint)((wide & 0xFFFF) + ((wide >> 16) & 0xFFFF) + ((wide >> 32) & 0xFFFF) + (wide >> 48));
        }

        for (; i < value.Length; i++)
        {
            sum += value[i];
        }

        return (ushort)sum;
    }

    private static void WriteUInt32(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)value;
        buffer[offset + 1] = (byte)(value >> 8);
        buffer[offset + 2] = (byte)(value >> 16);
        buffer[offset + 3] = (byte)(value >> 24);
    }
}
