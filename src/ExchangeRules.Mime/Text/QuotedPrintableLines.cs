using System;
using System.Numerics;

namespace ExchangeRules.Mime.Text;

/// <summary>
/// Passes whole lines of strict quoted-printable content at once while mapping a decoded offset to its encoded offset
/// (<see cref="EncodedTextSplice"/>): a line is found with a vectorised search for its line feed, checked a vector at a
/// time, and only its <c>=</c> signs are looked at one by one.
/// </summary>
/// <remarks>
/// The byte walk stopped at every <c>=</c>, and Outlook's HTML has one every few bytes (<c>=3D</c> in every attribute, a
/// soft line break every 76): walking to the insertion point under the newest reply cost about a nanosecond a byte.
/// A line is passed only when the byte walk would pass it too with the same count: every byte printable ASCII, a space
/// or a tab, no white space before the line end, every <c>=</c> an upper-case escape or the line's soft break, and the
/// decoded count after the line still below the target. Anything else stops here, and the byte walk decides from
/// the line's start exactly as before (an unusual line, or the target's own line).
/// </remarks>
internal static class QuotedPrintableLines
{
    /// <summary>
    /// Passes the whole lines from <paramref name="from"/> whose decoded bytes, added to <paramref name="count"/>, stay
    /// below <paramref name="decodedBytes"/>; returns where the byte walk goes on (a line start, or <paramref name="from"/>)
    /// and adds the passed lines' decoded bytes to <paramref name="count"/>.
    /// </summary>
    public static int SkipBefore(byte[] encoded, int length, int from, int decodedBytes, ref int count)
    {
        var at = from;
        while (at < length)
        {
            var lf = new ReadOnlySpan<byte>(encoded, at, length - at).IndexOf((byte)'\n');
            if (lf < 0)
            {
                // The last line has no line end: the byte walk handles the end of the content.
                return at;
            }

            lf += at;
            var end = lf > at && encoded[lf - 1] == '\r' ? lf - 1 : lf;
            var decoded = DecodedLength(encoded, at, end);
            if (decoded < 0)
            {
                return at;
            }

            // A soft break decodes to nothing; a hard one to its CRLF or LF.
            decoded += end > at && encoded[end - 1] == '=' ? 0 : lf + 1 - end;
            if (count + decoded >= decodedBytes)
            {
                return at;
            }

            count += decoded;
            at = lf + 1;
        }

        return at;
    }

    /// <summary>
    /// How many bytes <c>[start, end)</c> (a line without its line end) decodes to, its soft break's <c>=</c> excluded;
    /// -1 when the byte walk must look at it (a byte it rejects, white space before the line end, a broken or
    /// lower-case escape).
    /// </summary>
    private static int DecodedLength(byte[] encoded, int start, int end)
    {
        if (end > start && encoded[end - 1] is (byte)' ' or (byte)'\t')
        {
            // Trailing white space: decoders differ on whether it is kept.
            return -1;
        }

        if (!AllPrintable(encoded, start, end))
        {
            return -1;
        }

        var escapes = 0;
        var soft = false;
        var at = start;
        while (at < end)
        {
            var sign = new ReadOnlySpan<byte>(encoded, at, end - at).IndexOf((byte)'=');
            if (sign < 0)
            {
                break;
            }

            sign += at;
            if (sign == end - 1)
            {
                soft = true;
                break;
            }

            if (sign + 2 >= end || !IsUpperHex(encoded[sign + 1]) || !IsUpperHex(encoded[sign + 2]))
            {
                return -1;
            }

            escapes++;
            at = sign + 3;
        }

        return end - start - (2 * escapes) - (soft ? 1 : 0);
    }

    /// <summary>Whether every byte of <c>[start, end)</c> is printable ASCII (0x20–0x7E) or a tab: what the byte walk passes inside a line.</summary>
    private static bool AllPrintable(byte[] encoded, int start, int end)
    {
        var at = start;
        if (Vector.IsHardwareAccelerated && end - start >= Vector<byte>.Count)
        {
            var width = Vector<byte>.Count;
            var space = new Vector<byte>((byte)' ');
            var tilde = new Vector<byte>((byte)'~');
            var tab = new Vector<byte>((byte)'\t');
            for (; ; at += width)
            {
                // The last vector overlaps the one before it: checking a byte twice changes nothing.
                var offset = Math.Min(at, end - width);
                var bytes = new Vector<byte>(encoded, offset);
                var outside = Vector.BitwiseOr(Vector.LessThan(bytes, space), Vector.GreaterThan(bytes, tilde));
                if (!Vector.EqualsAll(Vector.AndNot(outside, Vector.Equals(bytes, tab)), Vector<byte>.Zero))
                {
                    return false;
                }

                if (offset + width >= end)
                {
                    return true;
                }
            }
        }

        for (; at < end; at++)
        {
            var b = encoded[at];
            if ((b < ' ' && b != '\t') || b > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUpperHex(byte value) => value is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F');
}
