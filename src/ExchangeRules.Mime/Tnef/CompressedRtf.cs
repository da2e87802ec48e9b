using System;
using System.IO;
using System.Text;

namespace ExchangeRules.Mime.Tnef;

/// <summary>
/// Writes PidTagRtfCompressed values in the LZFu format of [MS-OXRTFCP]: a 16-byte header (compressed size, raw size,
/// "LZFu", CRC-32 of the compressed content) and runs of a control byte and eight tokens, each a literal byte or a
/// 12-bit dictionary offset with a 4-bit length, over a 4,096-byte dictionary that starts with the 207-byte
/// pre-loaded RTF prefix. Reading is MimeKit's <c>RtfCompressedToRtf</c>.
/// </summary>
public static class CompressedRtf
{
    private const int _dictionarySize = 4096;
    private const int _maxMatch = 17;
    private const uint _compressedType = 0x75465A4C; // "LZFu"
    private const uint _uncompressedType = 0x414C454D; // "MELA"

    // [MS-OXRTFCP] 2.1.2.1: the dictionary's initial content.
    private static readonly byte[] _preload = Encoding.ASCII.GetBytes(
        "{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx");

    private static readonly uint[] _crcTable = BuildCrcTable();

    /// <summary>Compresses RTF into an LZFu stream.</summary>
    public static byte[] Compress(byte[] rtf)
    {
        if (rtf is null)
        {
            throw new ArgumentNullException(nameof(rtf));
        }

        var dictionary = new byte[_dictionarySize];
        Buffer.BlockCopy(_preload, 0, dictionary, 0, _preload.Length);
        int writePosition = _preload.Length;
        int written = _preload.Length;

        using var body = new MemoryStream();
        var run = new byte[17];
        int position = 0;
        bool ended = false;
        while (!ended)
        {
            int control = 0;
            int runLength = 1;
            for (int bit = 0; bit < 8; bit++)
            {
                if (position >= rtf.Length)
                {
                    // The end marker: a reference to the current write position.
                    control |= 1 << bit;
                    run[runLength++] = (byte)(writePosition >> 4);
                    run[runLength++] = (byte)((writePosition & 0xF) << 4);
                    ended = true;
                    break;
                }

                (int offset, int length) = LongestMatch(dictionary, writePosition, Math.Min(written, _dictionarySize), rtf, position);
                if (length >= 2)
                {
                    control |= 1 << bit;
                    int token = (offset << 4) | (length - 2);
                    run[runLength++] = (byte)(token >> 8);
                    run[runLength++] = (byte)token;
                }
                else
                {
                    length = 1;
                    run[runLength++] = rtf[position];
                }

                for (int i = 0; i < length; i++)
                {
                    dictionary[writePosition] = rtf[position + i];
                    writePosition = (writePosition + 1) % _dictionarySize;
                    written++;
                }

                position += length;
            }

            run[0] = (byte)control;
            body.Write(run, 0, runLength);
        }

        return WithHeader(body.ToArray(), rtf.Length, _compressedType);
    }

    /// <summary>Wraps RTF in the uncompressed "MELA" form of [MS-OXRTFCP] 2.1.3.1 (CRC zero).</summary>
    public static byte[] Uncompressed(byte[] rtf) => WithHeader(rtf ?? throw new ArgumentNullException(nameof(rtf)), rtf.Length, _uncompressedType);

    /// <summary>The CRC-32 of [MS-OXRTFCP] 2.1.3.2 (initial value 0, no final XOR).</summary>
    public static uint Crc32(byte[] data, int offset, int count)
    {
        uint crc = 0;
        for (int i = offset; i < offset + count; i++)
        {
            crc = _crcTable[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static (int Offset, int Length) LongestMatch(byte[] dictionary, int writePosition, int filled, byte[] input, int position)
    {
        int limit = Math.Min(_maxMatch, input.Length - position);
        int bestOffset = 0;
        int bestLength = 0;
        if (limit < 2)
        {
            return (0, 0);
        }

        byte first = input[position];
        for (int start = 0; start < filled; start++)
        {
            if (start == writePosition || dictionary[start] != first)
            {
                continue;
            }

            // A match stops where the decompressor would start reading what it writes for this very token.
            int length = 1;
            while (length < limit)
            {
                int source = (start + length) % _dictionarySize;
                if (source == writePosition || dictionary[source] != input[position + length])
                {
                    break;
                }

                length++;
            }

            if (length > bestLength)
            {
                bestLength = length;
                bestOffset = start;
                if (length == limit)
                {
                    break;
                }
            }
        }

        return (bestOffset, bestLength);
    }

    private static byte[] WithHeader(byte[] content, int rawSize, uint type)
    {
        var result = new byte[16 + content.Length];
        WriteUInt32(result, 0, (uint)(content.Length + 12));
        WriteUInt32(result, 4, (uint)rawSize);
        WriteUInt32(result, 8, type);
        WriteUInt32(result, 12, type == _compressedType ? Crc32(content, 0, content.Length) : 0);
        Buffer.BlockCopy(content, 0, result, 16, content.Length);
        return result;
    }

    private static void WriteUInt32(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)value;
        buffer[offset + 1] = (byte)(value >> 8);
        buffer[offset + 2] = (byte)(value >> 16);
        buffer[offset + 3] = (byte)(value >> 24);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
