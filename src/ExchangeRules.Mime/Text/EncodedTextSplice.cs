using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace ExchangeRules.Mime.Text;

/// <summary>
/// Applies edits of a text part's decoded text directly to its encoded bytes (quoted-printable, 7bit or 8bit): every
/// original byte before and after an edit is kept, only the new text is encoded. Re-encoding a whole part costs more
/// than the rest of a stamp, and keeping the original lines keeps signatures (DKIM aside) and diffs minimal.
/// </summary>
internal static class EncodedTextSplice
{
    private const int _maxQuotedPrintableLine = 76;
    private const int _maxLine = 998;
    private static readonly byte[] _hex = Encoding.ASCII.GetBytes("0123456789ABCDEF");

    /// <summary>
    /// The encoded content after the edits, or <see langword="null"/> when the content does not have the strict form
    /// the offsets can be mapped through (then the caller re-encodes the whole part).
    /// </summary>
    /// <param name="encoded">The part's encoded content.</param>
    /// <param name="length">How many bytes of <paramref name="encoded"/> are content.</param>
    /// <param name="quotedPrintable">Whether the content is quoted-printable (otherwise 7bit or 8bit, stored as decoded).</param>
    /// <param name="sevenBit">For unencoded content, whether it must stay 7-bit.</param>
    /// <param name="decoded">The decoded text, exactly the UTF-8 (or ASCII) decoding of the decoded bytes.</param>
    /// <param name="edits">Non-overlapping edits of <paramref name="decoded"/>, in order.</param>
    /// <param name="output">Receives the new content; it needs room for <see cref="MaxSplicedLength"/> bytes.</param>
    /// <returns>Whether the content was spliced; when false, what <paramref name="output"/> holds is meaningless.</returns>
    public static bool TrySplice(byte[] encoded, int length, bool quotedPrintable, bool sevenBit, string decoded, IReadOnlyList<TextEdit> edits, Stream output)
    {
        var newLine = NewLineOf(encoded, length);
        var decodedChars = 0;
        var encodedAt = 0;
        foreach (var edit in edits)
        {
            if (edit.Start < decodedChars || edit.Start + edit.Length > decoded.Length || SplitsSurrogate(decoded, edit.Start) || SplitsSurrogate(decoded, edit.Start + edit.Length))
            {
                return false;
            }

            var startBytes = Utf8Length(decoded, decodedChars, edit.Start);
            var start = quotedPrintable ? AdvanceQuotedPrintable(encoded, length, encodedAt, startBytes) : Advance(encoded, length, encodedAt, startBytes);
            if (start < 0)
            {
                return false;
            }

            var end = start;
            if (edit.Length > 0)
            {
                end = quotedPrintable
                    ? AdvanceQuotedPrintable(encoded, length, start, Utf8Length(decoded, edit.Start, edit.Start + edit.Length), eager: false)
                    : Advance(encoded, length, start, Utf8Length(decoded, edit.Start, edit.Start + edit.Length));
                if (end < 0)
                {
                    return false;
                }
            }

            var block = Encoding.UTF8.GetBytes(edit.Text);
            if (quotedPrintable && block.Length > 0 && Column(encoded, start) >= _maxQuotedPrintableLine)
            {
                // A full line leaves no room for the '=' of a soft break: its last token moves into the block.
                var back = start >= 3 && encoded[start - 3] == '=' && IsUpperHex(encoded, start - 2, length) && IsUpperHex(encoded, start - 1, length) ? 3 : 1;
                if (start - back < encodedAt)
                {
                    return false;
                }

                var value = back == 3 ? (byte)((HexValue(encoded[start - 2]) << 4) | HexValue(encoded[start - 1])) : encoded[start - 1];
                start -= back;
                var moved = new byte[block.Length + 1];
                moved[0] = value;
                Buffer.BlockCopy(block, 0, moved, 1, block.Length);
                block = moved;
            }

            output.Write(encoded, encodedAt, start - encodedAt);
            var written = quotedPrintable
                ? WriteQuotedPrintable(output, block, Column(encoded, start), PrefixEndsInWhitespace(encoded, start), RestOfLine(encoded, length, end), newLine)
                : WriteUnencoded(output, block, Column(encoded, start), RestOfLine(encoded, length, end), sevenBit);
            if (!written)
            {
                return false;
            }

            encodedAt = end;
            decodedChars = edit.Start + edit.Length;
        }

        output.Write(encoded, encodedAt, length - encodedAt);
        return true;
    }

    /// <summary>
    /// An upper bound of the spliced content's length: every inserted character is at most three UTF-8 bytes, each
    /// written as at most three quoted-printable characters plus soft breaks (the encoder's own bound), and a token that
    /// moves into the block at a full line adds a few bytes per edit.
    /// </summary>
    public static int MaxSplicedLength(int length, IReadOnlyList<TextEdit> edits)
    {
        long bound = length;
        foreach (var edit in edits)
        {
            bound += (edit.Text.Length * 12L) + 32;
        }

        return bound > int.MaxValue ? int.MaxValue : (int)bound;
    }

    /// <summary>The line ending the encoded content uses (CRLF unless its first line ends in a bare LF).</summary>
    private static byte[] NewLineOf(byte[] encoded, int length)
    {
        var lf = Array.IndexOf(encoded, (byte)'\n', 0, length);
        return lf == 0 || (lf > 0 && encoded[lf - 1] != '\r') ? new[] { (byte)'\n' } : new[] { (byte)'\r', (byte)'\n' };
    }

    private static bool SplitsSurrogate(string text, int index) =>
        index > 0 && index < text.Length && char.IsHighSurrogate(text[index - 1]) && char.IsLowSurrogate(text[index]);

    /// <summary>The UTF-8 length of <c>text[from..to)</c> (ASCII text: its length).</summary>
    private static int Utf8Length(string text, int from, int to)
    {
        // Four ASCII characters at a time while they last: a disclaimer at the bottom measures the whole part.
        var span = text.AsSpan(from, to - from);
        var words = MemoryMarshal.Cast<char, ulong>(span);
        var ascii = 0;
        while (ascii < words.Length && (words[ascii] & 0xFF80FF80FF80FF80UL) == 0)
        {
            ascii++;
        }

        var bytes = ascii * 4;
        for (var i = ascii * 4; i < span.Length; i++)
        {
            var c = span[i];
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsHighSurrogate(c) ? 4 : char.IsLowSurrogate(c) ? 0 : 3;
        }

        return bytes;
    }

    /// <summary>For unencoded content the decoded bytes are the content: the offset is the byte count.</summary>
    private static int Advance(byte[] encoded, int length, int from, int decodedBytes)
    {
        var at = from + decodedBytes;
        return at <= length && (at == 0 || at == length || encoded[at - 1] != '\r' || encoded[at] != '\n') ? at : -1;
    }

    /// <summary>
    /// Walks quoted-printable content from <paramref name="from"/> (a token boundary) until <paramref name="decodedBytes"/>
    /// decoded bytes are passed, and returns the encoded offset, a token boundary again (never inside an <c>=XX</c> escape
    /// or a soft line break). With <paramref name="eager"/>, soft line breaks right after the target are skipped too, so
    /// an insertion starts a line where it can. Anything outside the strict grammar (lower-case or broken escapes,
    /// whitespace before a line break, 8-bit bytes, a bare CR) returns -1: its decoding is decoder-specific.
    /// </summary>
    private static int AdvanceQuotedPrintable(byte[] encoded, int length, int from, int decodedBytes, bool eager = true)
    {
        // Whole lines that end before the target are passed a line at a time (QuotedPrintableLines); the walk below
        // decides the target's own line, and any line the line pass does not vouch for, exactly as it always did.
        var count = 0;
        var at = QuotedPrintableLines.SkipBefore(encoded, length, from, decodedBytes, ref count);
        return WalkQuotedPrintable(encoded, length, at, count, decodedBytes, eager);
    }

    /// <summary>
    /// <see cref="AdvanceQuotedPrintable"/> without the line pass: the byte-by-byte walk alone, the oracle of
    /// <see cref="QuotedPrintableLines"/> (tests compare the two at every offset).
    /// </summary>
    internal static int AdvanceQuotedPrintableByteWise(byte[] encoded, int length, int from, int decodedBytes, bool eager = true) =>
        WalkQuotedPrintable(encoded, length, from, 0, decodedBytes, eager);

    /// <summary>
    /// <see cref="AdvanceQuotedPrintable"/> with the line pass, for tests (the splice itself calls it privately).
    /// </summary>
    internal static int AdvanceQuotedPrintableByLines(byte[] encoded, int length, int from, int decodedBytes, bool eager = true) =>
        AdvanceQuotedPrintable(encoded, length, from, decodedBytes, eager);

    /// <summary>The byte walk of <see cref="AdvanceQuotedPrintable"/> from <paramref name="at"/>, where <paramref name="count"/> decoded bytes are already passed.</summary>
    private static int WalkQuotedPrintable(byte[] encoded, int length, int at, int count, int decodedBytes, bool eager)
    {
        while (at < length)
        {
            // Runs of printable bytes that stand for themselves are passed in a tight loop, never beyond the target.
            // Spaces and tabs stand for themselves too unless a line end follows (trailing whitespace is left to the slow path).
            var run = at;
            var limit = Math.Min(length, at + (decodedBytes - count));
            run = SkipPrintableWords(encoded, length, run, limit);
            while (run < limit)
            {
                var symbol = encoded[run];
                if (symbol is (>= 33 and <= 126 and not (byte)'=')
                    || (symbol is (byte)' ' or (byte)'\t' && run + 1 < length && encoded[run + 1] is not ((byte)'\r' or (byte)'\n')))
                {
                    run++;
                }
                else
                {
                    break;
                }
            }

            count += run - at;
            at = run;
            if (at >= length)
            {
                break;
            }

            var b = encoded[at];
            var softBreak = b == '=' ? SoftBreakLength(encoded, length, at) : 0;
            if (count == decodedBytes && (!eager || softBreak == 0))
            {
                return at;
            }

            if (softBreak > 0)
            {
                at += softBreak;
                continue;
            }

            if (b == '=')
            {
                if (!IsUpperHex(encoded, at + 1, length) || !IsUpperHex(encoded, at + 2, length))
                {
                    return -1;
                }

                at += 3;
                count++;
            }
            else if (b == '\r')
            {
                if (at + 1 >= length || encoded[at + 1] != '\n')
                {
                    return -1;
                }

                at += 2;
                count += 2;
            }
            else if (b == ' ' || b == '\t')
            {
                if (at + 1 >= length || encoded[at + 1] is (byte)'\r' or (byte)'\n')
                {
                    // Trailing whitespace: decoders differ on whether it is kept.
                    return -1;
                }

                at++;
                count++;
            }
            else if (b == '\n' || (b >= 33 && b <= 126))
            {
                at++;
                count++;
            }
            else
            {
                return -1;
            }

            if (count > decodedBytes)
            {
                return -1;
            }
        }

        return count == decodedBytes ? at : -1;
    }

    /// <summary>
    /// Passes eight bytes at a time while all of them stand for themselves (printable ASCII or a space, no <c>=</c>),
    /// stopping before <paramref name="limit"/>; a space that ends a word and precedes a line end is left to the caller,
    /// which rejects trailing whitespace. Walking byte by byte cost about 5 ns a byte, and a splice walks the newest part.
    /// </summary>
    private static int SkipPrintableWords(byte[] encoded, int length, int from, int limit)
    {
        const ulong Ones = 0x0101010101010101UL;
        const ulong Highs = 0x8080808080808080UL;
        const ulong Equals = Ones * (byte)'=';
        var words = MemoryMarshal.Cast<byte, ulong>(new ReadOnlySpan<byte>(encoded, from, limit - from));
        var at = from;
        foreach (var word in words)
        {
            // Some byte below 0x20, above 0x7E (or 8-bit), or equal to '=': the byte-by-byte walk decides.
            var below = (word - (Ones * 0x20)) & ~word & Highs;
            var above = ((word + (Ones * (0x7F - 0x7E))) | word) & Highs;
            var escape = word ^ Equals;
            var equals = (escape - Ones) & ~escape & Highs;
            if ((below | above | equals) != 0)
            {
                break;
            }

            if (encoded[at + 7] == ' ' && (at + 8 >= length || encoded[at + 8] is (byte)'\r' or (byte)'\n'))
            {
                break;
            }

            at += 8;
        }

        return at;
    }

    /// <summary>The length of a soft line break (<c>=</c> and CRLF or LF) at <paramref name="at"/>, or 0.</summary>
    private static int SoftBreakLength(byte[] encoded, int length, int at)
    {
        if (encoded[at] != '=' || at + 1 >= length)
        {
            return 0;
        }

        if (encoded[at + 1] == '\n')
        {
            return 2;
        }

        return encoded[at + 1] == '\r' && at + 2 < length && encoded[at + 2] == '\n' ? 3 : 0;
    }

    private static bool IsUpperHex(byte[] encoded, int at, int length) =>
        at < length && encoded[at] is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F');

    private static int HexValue(byte digit) => digit <= '9' ? digit - '0' : digit - 'A' + 10;

    /// <summary>How many bytes of the current line come before <paramref name="at"/>.</summary>
    private static int Column(byte[] encoded, int at)
    {
        var column = 0;
        while (at - column > 0 && encoded[at - column - 1] != '\n')
        {
            column++;
        }

        return column;
    }

    private static bool PrefixEndsInWhitespace(byte[] encoded, int at) => at > 0 && encoded[at - 1] is (byte)' ' or (byte)'\t';

    /// <summary>How many bytes of the line remain from <paramref name="at"/> (without its line ending).</summary>
    private static int RestOfLine(byte[] encoded, int length, int at)
    {
        var end = at;
        while (end < length && encoded[end] != '\r' && encoded[end] != '\n')
        {
            end++;
        }

        return end - at;
    }

    /// <summary>
    /// Writes <paramref name="block"/> quoted-printable encoded, continuing a line at <paramref name="column"/> and
    /// followed by <paramref name="rest"/> bytes of the original line: soft line breaks keep every line at most 76
    /// characters and never leave whitespace at the end of a line. The block is encoded into a pooled buffer and
    /// written once: a byte-at-a-time stream write per character cost more than the encoding.
    /// </summary>
    private static bool WriteQuotedPrintable(Stream output, byte[] block, int column, bool lastWasWhitespace, int rest, byte[] newLine)
    {
        // Every byte can take three characters, and every 73 or more characters a soft break of up to three more.
        var buffer = ArrayPool<byte>.Shared.Rent((block.Length * 4) + 16);
        try
        {
            var encoded = new QuotedPrintableBuffer(buffer, newLine, column);
            if (!Encode(ref encoded, block, lastWasWhitespace, rest))
            {
                return false;
            }

            output.Write(buffer, 0, encoded.Length);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool Encode(ref QuotedPrintableBuffer output, byte[] block, bool lastWasWhitespace, int rest)
    {
        var crlf = output.NewLine.Length == 2;
        for (var i = 0; i < block.Length; i++)
        {
            var b = block[i];
            var hardBreak = crlf ? b == '\r' && i + 1 < block.Length && block[i + 1] == '\n' : b == '\n';
            if (hardBreak)
            {
                if (lastWasWhitespace && !output.SoftBreak())
                {
                    return false;
                }

                output.LineBreak();
                i += output.NewLine.Length - 1;
                lastWasWhitespace = false;
                continue;
            }

            var isWhitespace = b is (byte)' ' or (byte)'\t';
            var atLineEnd = i + 1 == block.Length || (crlf ? block[i + 1] == '\r' && i + 2 < block.Length && block[i + 2] == '\n' : block[i + 1] == '\n');
            var literal = (b >= 33 && b <= 126 && b != '=') || (isWhitespace && !atLineEnd);
            var width = literal ? 1 : 3;
            if (output.Column + width > _maxQuotedPrintableLine - 1 && !output.SoftBreak())
            {
                return false;
            }

            if (literal)
            {
                output.Add(b);
            }
            else
            {
                output.AddEscaped(b);
            }

            lastWasWhitespace = literal && isWhitespace;
        }

        // The rest of the original line must still fit behind the block.
        return output.Column + rest <= _maxQuotedPrintableLine || output.SoftBreak();
    }

    /// <summary>Quoted-printable output being built in a buffer large enough for it, with the column of its current line.</summary>
    private struct QuotedPrintableBuffer
    {
        private readonly byte[] _buffer;

        public QuotedPrintableBuffer(byte[] buffer, byte[] newLine, int column)
        {
            _buffer = buffer;
            NewLine = newLine;
            Column = column;
            Length = 0;
        }

        public byte[] NewLine { get; }

        public int Column { get; private set; }

        public int Length { get; private set; }

        public void Add(byte value)
        {
            _buffer[Length++] = value;
            Column++;
        }

        public void AddEscaped(byte value)
        {
            _buffer[Length] = (byte)'=';
            _buffer[Length + 1] = _hex[value >> 4];
            _buffer[Length + 2] = _hex[value & 0xF];
            Length += 3;
            Column += 3;
        }

        public void LineBreak()
        {
            foreach (var symbol in NewLine)
            {
                _buffer[Length++] = symbol;
            }

            Column = 0;
        }

        /// <summary>Ends the line with a soft break; false when the line is already full (no room for the '=').</summary>
        public bool SoftBreak()
        {
            if (Column == 0)
            {
                return true;
            }

            if (Column + 1 > _maxQuotedPrintableLine)
            {
                return false;
            }

            _buffer[Length++] = (byte)'=';
            LineBreak();
            return true;
        }
    }

    /// <summary>Writes the block as it is (7bit or 8bit content); no line may exceed 998 octets and 7bit stays ASCII.</summary>
    private static bool WriteUnencoded(Stream output, byte[] block, int column, int rest, bool sevenBit)
    {
        foreach (var b in block)
        {
            if (b == '\n')
            {
                column = 0;
                continue;
            }

            if ((sevenBit && b >= 0x80) || b == 0)
            {
                return false;
            }

            if (b != '\r' && ++column > _maxLine)
            {
                return false;
            }
        }

        if (column + rest > _maxLine)
        {
            return false;
        }

        output.Write(block, 0, block.Length);
        return true;
    }
}
