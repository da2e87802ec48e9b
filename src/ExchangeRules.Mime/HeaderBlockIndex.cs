using System;
using System.IO;
using MimeKit;
using MimeKit.Utils;

namespace ExchangeRules.Mime;

/// <summary>
/// A message's top-level header block as its bytes and where each field begins, read in one pass and nothing more:
/// no MimeKit <see cref="Header"/> object and no copy of any field. Evaluation of a message no rule touches reads a few
/// fields (Subject, Message-ID, From, the rules' header conditions) of a block of 30–60, while MimeKit's header parse
/// builds a <see cref="Header"/> with copies of its name and value for every field; that was half of the processor's
/// time on such a message (performance target 1).
/// </summary>
/// <remarks>
/// <para>
/// Only a block of the plain shape is indexed: every field starts at a line beginning with a name of letters, digits,
/// '-', '_' or '.' followed at once by ':'; a line beginning with a space or tab continues the field above it and has
/// something besides white space; lines end with CRLF or a bare LF; no NUL and no CR outside a line ending; the block
/// ends at the first empty line within <c>maxBytes</c>. Anything else (an mbox "From " line, white space before the
/// colon, a line without a colon, a first line that is folded, a block without its empty line, an obsolete
/// white-space-only line) returns <see langword="null"/>, and the caller parses the block with MimeKit as before: the
/// index never has to imitate MimeKit on input MimeKit itself treats specially.
/// </para>
/// <para>
/// Within that shape a field's name and raw value are exactly MimeKit's (<see cref="Header.Field"/>,
/// <see cref="Header.RawValue"/>: every byte after the colon up to and including the line ending of its last line), and
/// values are decoded with the same public MimeKit calls <see cref="Header.Value"/> makes
/// (<c>HeaderBlockIndexOracleTests</c> compares both over the corpus and hostile blocks).
/// </para>
/// </remarks>
internal sealed class HeaderBlockIndex
{
    private const int _firstRead = 4096;

    // The block as read; only the first Length bytes are the message's.
    private readonly byte[] _block;

    // Per field two entries: where its name starts and where its colon is. A field ends where the next one starts;
    // the last one where the empty line starts.
    private readonly int[] _bounds;
    private readonly int _fieldsEnd;

    private HeaderBlockIndex(byte[] block, int length, int fieldsEnd, int[] bounds, int count)
    {
        _block = block;
        Length = length;
        _fieldsEnd = fieldsEnd;
        _bounds = bounds;
        Count = count;
    }

    /// <summary>How many fields the block has.</summary>
    public int Count { get; }

    /// <summary>The length of the block in bytes, its empty line included: the body starts this far from the block's start.</summary>
    public int Length { get; }

    /// <summary>
    /// Reads the header block from the position of <paramref name="stream"/>, leaving the stream just after the block's
    /// empty line; <see langword="null"/> (the position then undefined) when the block is not of the plain shape or is
    /// longer than <paramref name="maxBytes"/>.
    /// </summary>
    public static HeaderBlockIndex? TryRead(Stream stream, int maxBytes)
    {
        var start = stream.Position;
        var remaining = stream.Length - start;
        var buffer = new byte[(int)Math.Max(1, Math.Min(_firstRead, Math.Min(remaining, maxBytes)))];
        var filled = 0;
        var bounds = new int[64];
        var count = 0;
        var line = 0;
        while (true)
        {
            var newline = line < filled ? Array.IndexOf(buffer, (byte)'\n', line, filled - line) : -1;
            if (newline < 0)
            {
                // The line goes on past what was read: read more, or give up at the end of the stream or of maxBytes.
                if (!Fill(stream, ref buffer, ref filled, remaining, maxBytes))
                {
                    return null;
                }

                continue;
            }

            var contentEnd = newline > line && buffer[newline - 1] == (byte)'\r' ? newline - 1 : newline;
            if (contentEnd == line)
            {
                // The empty line: the block ends after it. A message that starts with it has no header to index.
                if (count == 0)
                {
                    return null;
                }

                stream.Position = start + newline + 1;
                return new HeaderBlockIndex(buffer, newline + 1, line, bounds, count);
            }

            if (!IsPlainLine(buffer, line, contentEnd))
            {
                return null;
            }

            var first = buffer[line];
            if (first is (byte)' ' or (byte)'\t')
            {
                if (count == 0 || IsBlank(buffer, line, contentEnd))
                {
                    return null;
                }
            }
            else
            {
                var colon = line;
                while (colon < contentEnd && IsNameByte(buffer[colon]))
                {
                    colon++;
                }

                if (colon == line || colon == contentEnd || buffer[colon] != (byte)':')
                {
                    return null;
                }

                if (2 * count + 2 > bounds.Length)
                {
                    Array.Resize(ref bounds, bounds.Length * 2);
                }

                bounds[2 * count] = line;
                bounds[(2 * count) + 1] = colon;
                count++;
            }

            line = newline + 1;
        }
    }

    /// <summary>The block's fields as read: its bytes before the empty line (the last field's line break included).</summary>
    public ReadOnlySpan<byte> FieldBytes => new(_block, 0, _fieldsEnd);

    /// <summary>The field's name as written (MimeKit's <see cref="Header.Field"/>).</summary>
    public string GetName(int field)
    {
        var start = _bounds[2 * field];
        var length = _bounds[(2 * field) + 1] - start;
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)_block[start + i];
        }

        return new string(chars);
    }

    /// <summary>Whether the field's name is <paramref name="name"/>, ignoring ASCII case as MimeKit's header lookups do.</summary>
    public bool NameIs(int field, string name)
    {
        var start = _bounds[2 * field];
        var length = _bounds[(2 * field) + 1] - start;
        if (length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            var expected = name[i];
            if (expected >= 0x80)
            {
                // Ordinal case folding pairs a few non-ASCII letters with ASCII ones (the dotless i with I): compare as
                // the readers of MimeKit's headers do, so that even such a name decides the same.
                return string.Equals(GetName(field), name, StringComparison.OrdinalIgnoreCase);
            }

            // Names hold only ASCII letters, digits and '-', '_', '.': setting bit 0x20 folds case without mixing them up.
            int actual = _block[start + i];
            if (actual != expected && ((actual | 0x20) != (expected | 0x20) || !IsAsciiLetter(expected)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the field's name starts with <paramref name="prefix"/>, ignoring case as <see cref="StringComparison.OrdinalIgnoreCase"/> does.</summary>
    public bool NameStartsWith(int field, string prefix)
    {
        var start = _bounds[2 * field];
        var length = _bounds[(2 * field) + 1] - start;
        if (length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            var expected = prefix[i];
            if (expected >= 0x80)
            {
                return GetName(field).StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
            }

            int actual = _block[start + i];
            if (actual != expected && ((actual | 0x20) != (expected | 0x20) || !IsAsciiLetter(expected)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The index of the first field named <paramref name="name"/> at or after <paramref name="from"/>, or -1.</summary>
    public int IndexOf(string name, int from = 0)
    {
        for (var i = from; i < Count; i++)
        {
            if (NameIs(i, name))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The field's raw value, copied (MimeKit's <see cref="Header.RawValue"/>).</summary>
    public byte[] GetRawValue(int field)
    {
        var (start, length) = ValueRange(field);
        var raw = new byte[length];
        Buffer.BlockCopy(_block, start, raw, 0, length);
        return raw;
    }

    /// <summary>The field's decoded, unfolded value, exactly as MimeKit's <see cref="Header.Value"/> gives it.</summary>
    public string GetValue(int field, ParserOptions options)
    {
        var (start, length) = ValueRange(field);
        return Header.Unfold(Rfc2047.DecodeText(options, _block, start, length));
    }

    /// <summary>
    /// The field's value as an address list, parsed as <see cref="InternetAddressList.TryParse(ParserOptions, byte[], out InternetAddressList)"/>
    /// parses a raw value; <see langword="null"/> when it does not parse.
    /// </summary>
    public InternetAddressList? ParseAddresses(int field, ParserOptions options)
    {
        var (start, length) = ValueRange(field);
        return InternetAddressList.TryParse(options, _block, start, length, out var addresses) ? addresses : null;
    }

    /// <summary>Whether the first field ends with CRLF (otherwise with a bare LF).</summary>
    public bool FirstFieldEndsWithCrLf
    {
        get
        {
            var end = FieldEnd(0);
            return end >= 2 && _block[end - 2] == (byte)'\r';
        }
    }

    /// <summary>
    /// The block as MimeKit's <see cref="HeaderList"/>, parsed from the bytes already read by the same parser the editor
    /// uses on the message, for the readers that need <see cref="Header"/> objects (traits, edits).
    /// </summary>
    public HeaderList ToHeaderList(ParserOptions options)
    {
        using var block = new MemoryStream(_block, 0, Length, writable: false);
        var parser = ReusedParser.Rent(options, block);
        try
        {
            return parser.ParseHeaders();
        }
        finally
        {
            ReusedParser.Return(parser, options);
        }
    }

    private (int Start, int Length) ValueRange(int field)
    {
        var start = _bounds[(2 * field) + 1] + 1;
        return (start, FieldEnd(field) - start);
    }

    private int FieldEnd(int field) => field + 1 < Count ? _bounds[2 * (field + 1)] : _fieldsEnd;

    private static bool Fill(Stream stream, ref byte[] buffer, ref int filled, long remaining, int maxBytes)
    {
        if (filled == buffer.Length)
        {
            var limit = (int)Math.Min(remaining, maxBytes);
            if (buffer.Length >= limit)
            {
                return false;
            }

            Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit));
        }

        var read = stream.Read(buffer, filled, buffer.Length - filled);
        if (read <= 0)
        {
            return false;
        }

        filled += read;
        return true;
    }

    /// <summary>No NUL and no CR in the line's content: MimeKit's treatment of either is not something to imitate.</summary>
    private static bool IsPlainLine(byte[] buffer, int start, int end)
    {
        var content = new ReadOnlySpan<byte>(buffer, start, end - start);
        return content.IndexOfAny((byte)'\r', (byte)0) < 0;
    }

    private static bool IsBlank(byte[] buffer, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (buffer[i] is not ((byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNameByte(byte value) =>
        value is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.';

    private static bool IsAsciiLetter(char value) => value is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
