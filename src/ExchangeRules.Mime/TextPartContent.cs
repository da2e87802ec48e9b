using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using ExchangeRules.Mime.Text;
using MimeKit;
using MimeKit.Encodings;

namespace ExchangeRules.Mime;

/// <summary>Reads and rewrites the decoded text of a body part, keeping its charset when it can represent the new text.</summary>
internal static class TextPartContent
{
    // Compiled: it runs over the head of every HTML part that is relabelled UTF-8 (a non-ASCII signature into Outlook's
    // US-ASCII HTML), which is most stamps of names with accents or of a middle dot.
    private static readonly Regex _metaCharset = new(
        @"(<meta\b[^>]*?\bcharset\s*=\s*[""']?)([A-Za-z0-9_.:-]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
        TimeSpan.FromMilliseconds(250));

    private static readonly byte[] _bodyTag = Encoding.ASCII.GetBytes("<body");

    // How much a top is read beyond the requested bytes at first: room for Outlook's head before the body tag and for
    // the rest of the line; a longer head or line reads the rest of the part.
    private const int _topReadMargin = 4096;
    private static readonly Encoding _strictUtf8 = new UTF8Encoding(false, true);
    private static readonly Encoding _strictAscii = Encoding.GetEncoding("us-ascii", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>
    /// The decoded text. Quoted-printable and base64 parts in US-ASCII or UTF-8 (what Outlook and Exchange write) are
    /// decoded in one pass with MimeKit's decoders, several times faster than <see cref="TextPart.Text"/>'s stream
    /// filters; anything else, or bytes not valid in the declared charset, goes through <see cref="TextPart.Text"/>.
    /// </summary>
    public static string Read(TextPart part) => TryReadDirect(part, unencoded: false) ?? part.Text ?? string.Empty;

    /// <summary>
    /// The decoded text, and whether it is exactly the US-ASCII or UTF-8 decoding of the part's decoded bytes. Unlike
    /// <see cref="Read(TextPart)"/>, 7bit and 8bit parts are read as they are (<see cref="TextPart.Text"/> turns their
    /// CRLF into LF), so offsets in the text map to the content.
    /// </summary>
    /// <param name="part">The part.</param>
    /// <param name="exact">Whether <see cref="Insert"/> can map offsets in the text to the encoded content.</param>
    public static string Read(TextPart part, out bool exact)
    {
        var direct = TryReadDirect(part, unencoded: true);
        exact = direct is not null;
        return direct ?? part.Text ?? string.Empty;
    }

    /// <summary>
    /// The decoded text for editing, only when it is exactly what the part's bytes say: the part's charset (for HTML
    /// without one, its meta charset) is known to this runtime and every byte is valid in it. Otherwise
    /// <see langword="null"/> and <paramref name="problem"/> says why: a part that cannot be decoded faithfully must
    /// not be rewritten, or the damage of a wrong decoding (an unregistered code page read as Latin-1, EUC-JP bytes
    /// labelled ISO-2022-JP, UTF-7 on .NET 5+) would be delivered for good.
    /// </summary>
    /// <param name="part">The part.</param>
    /// <param name="exact">Whether <see cref="Insert"/> can map offsets in the text to the encoded content.</param>
    /// <param name="problem">Why the part cannot be edited, when it cannot.</param>
    public static string? ReadForEdit(TextPart part, out bool exact, out string? problem)
    {
        problem = null;
        var direct = TryReadDirect(part, unencoded: true);
        exact = direct is not null;
        if (direct is not null)
        {
            return direct;
        }

        var bytes = DecodedBytes(part, out var length);
        var charset = EffectiveCharset(part, bytes, length);
        if (charset is null)
        {
            if (IsAscii(bytes, length))
            {
                return Encoding.ASCII.GetString(bytes, 0, length);
            }

            problem = "it declares no charset and holds 8-bit bytes";
            return null;
        }

        var encoding = StrictEncoding(charset);
        if (encoding is null)
        {
            problem = $"its charset '{charset}' is not available in this runtime";
            return null;
        }

        if (IsSevenBitCharset(encoding.CodePage) && !IsAscii(bytes, length))
        {
            problem = $"it is labelled {charset}, a 7-bit charset, but holds 8-bit bytes (mislabelled)";
            return null;
        }

        string text;
        try
        {
            text = encoding.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            problem = $"its bytes are not valid {charset} (mislabelled)";
            return null;
        }

        // Some runtimes' codecs substitute '?' instead of honouring the exception fallback (Mono's I18N), or decode
        // and encode a charset asymmetrically (Mono's GB18030): only text that encodes back to the very same bytes is
        // known to be what the sender wrote, and only then can the part be written again without changing it.
        if (!EncodesBackTo(encoding, text, bytes, length))
        {
            problem = $"its bytes do not survive decoding and encoding again as {charset} in this runtime";
            return null;
        }

        return text;
    }

    private static bool EncodesBackTo(Encoding encoding, string text, byte[] bytes, int length)
    {
        try
        {
            return encoding.GetBytes(text).AsSpan().SequenceEqual(new ReadOnlySpan<byte>(bytes, 0, length));
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The charset the part's bytes are in: its Content-Type charset, for HTML without one its meta charset, else <see langword="null"/>.</summary>
    private static string? EffectiveCharset(TextPart part, byte[] bytes, int length)
    {
        var declared = part.ContentType.Charset;
        if (!string.IsNullOrWhiteSpace(declared))
        {
            return declared;
        }

        return part.IsHtml ? MetaCharsetOf(bytes, length) : null;
    }

    /// <summary>The first meta charset within the first 4 KB of HTML bytes (where browsers look for it), or <see langword="null"/>.</summary>
    private static string? MetaCharsetOf(byte[] bytes, int length)
    {
        try
        {
            var match = _metaCharset.Match(Encoding.ASCII.GetString(bytes, 0, Math.Min(length, 4096)));
            return match.Success ? match.Groups[2].Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static byte[] DecodedBytes(TextPart part, out int length)
    {
        using var memory = new System.IO.MemoryStream();
        part.Content?.DecodeTo(memory);
        if (part.Content?.Stream is { CanSeek: true } stream)
        {
            stream.Position = 0;
        }

        length = (int)memory.Length;
        return memory.GetBuffer();
    }

    /// <summary>The encoding for the charset with exception fallbacks (MimeKit's names and aliases), or <see langword="null"/> when this runtime has none.</summary>
    internal static Encoding? StrictEncoding(string charset)
    {
        var encoding = TryGetEncoding(charset);
        if (encoding is null)
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Charsets whose bytes are all 7-bit: ISO-2022-JP/KR/CN, HZ, UTF-7, US-ASCII. An 8-bit byte means the label is wrong.</summary>
    private static bool IsSevenBitCharset(int codePage) => codePage is 50220 or 50221 or 50222 or 50225 or 50227 or 50229 or 52936 or 65000 or 20127;

    private static bool IsAscii(byte[] bytes, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (bytes[i] >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The decoded text of the part's first <paramref name="minimumBytes"/> encoded bytes or a little more, cut after a
    /// hard line break, as <see cref="Read(TextPart, out bool)"/> would read it exactly; <see langword="null"/> when the
    /// part cannot be read that way (base64, another charset, content outside the strict grammar). Locating the newest
    /// part of a reply rarely needs more than its top, and decoding the whole part was a tenth of a stamp.
    /// </summary>
    /// <param name="part">The part.</param>
    /// <param name="minimumBytes">
    /// How many encoded bytes to decode at least; for an HTML part, counted from its <c>&lt;body</c> tag when that is
    /// found in the encoded bytes (Outlook's head of style sheets alone can be longer than a reply's newest part).
    /// </param>
    /// <param name="whole">Whether the text is the whole part after all (it was short, or had no line break later).</param>
    public static string? ReadPrefix(TextPart part, int minimumBytes, out bool whole)
    {
        if (part.Content?.Encoding == ContentEncoding.Base64)
        {
            // Base64 content is never spliced, so the whole path rewrites it anyway: decoding it here would be wasted.
            whole = false;
            return null;
        }

        var text = TryReadDirect(part, unencoded: true, minimumBytes, out var cut);
        whole = cut == PrefixCut.Whole;
        return cut == PrefixCut.Unreadable ? null : text;
    }

    private static string? TryReadDirect(TextPart part, bool unencoded) => TryReadDirect(part, unencoded, int.MaxValue, out _);

    private static string? TryReadDirect(TextPart part, bool unencoded, int minimumBytes, out PrefixCut cut)
    {
        cut = PrefixCut.Unreadable;
        var content = part.Content;
        var charset = part.ContentType.Charset;
        var isAscii = string.Equals(charset, "us-ascii", StringComparison.OrdinalIgnoreCase);
        if (content?.Stream is not { CanSeek: true } stream || stream.Length > int.MaxValue
            || !(isAscii || string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase))
            || !(content.Encoding is ContentEncoding.QuotedPrintable or ContentEncoding.Base64
                || (unencoded && content.Encoding is ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Default)))
        {
            return null;
        }

        // Pooled buffers: the decoder's size estimate is generous, and zeroing fresh arrays showed up in profiles.
        byte[]? raw = ArrayPool<byte>.Shared.Rent((int)stream.Length);
        byte[]? decoded = null;
        try
        {
            var total = (int)stream.Length;
            var quotedPrintable = content.Encoding == ContentEncoding.QuotedPrintable;

            // A top is read from the stream only as far as it needs (the rest of a long reply is never copied): first
            // the requested bytes and a little more, then everything when the body tag or the line break after the top
            // is not in what was read. Every answer below is the one the whole part gives (see ReadUpTo).
            var length = minimumBytes < total && content.Encoding is not ContentEncoding.Base64
                ? ReadUpTo(stream, raw, (int)Math.Min(total, (long)minimumBytes + _topReadMargin))
                : ReadAll(stream, raw);
            var whole = true;
            if (minimumBytes < total && part.IsHtml)
            {
                // Only the size of the prefix depends on this search: a tag split by a soft line break is just not seen.
                var body = new ReadOnlySpan<byte>(raw, 0, length).IndexOf(_bodyTag);
                if (body < 0 && length < total)
                {
                    length = ReadRest(stream, raw, length);
                    body = new ReadOnlySpan<byte>(raw, 0, length).IndexOf(_bodyTag);
                }

                minimumBytes = body > 0 ? (int)Math.Min((long)body + minimumBytes, int.MaxValue) : minimumBytes;
            }

            if (minimumBytes < total && content.Encoding is not ContentEncoding.Base64)
            {
                // A line break found inside what was read is the first one after the top in the whole part too.
                var end = minimumBytes < length ? HardLineBreakAfter(raw, length, minimumBytes, quotedPrintable) : length;
                if (end >= length && length < total)
                {
                    // The line break after the top is not in what was read (or the top reaches past it): read the rest.
                    length = ReadRest(stream, raw, length);
                    end = HardLineBreakAfter(raw, length, Math.Min(minimumBytes, length), quotedPrintable);
                }

                whole = end >= length;
                length = Math.Min(end, length);
            }

            int count;
            if (content.Encoding is ContentEncoding.QuotedPrintable or ContentEncoding.Base64)
            {
                IMimeDecoder decoder = content.Encoding == ContentEncoding.Base64 ? new Base64Decoder() : new QuotedPrintableDecoder();
                decoded = ArrayPool<byte>.Shared.Rent(Math.Max(length, decoder.EstimateOutputLength(length)));
                count = quotedPrintable ? StrictQuotedPrintableDecoder.TryDecode(raw, length, decoded) : -1;
                if (count < 0)
                {
                    if (!whole)
                    {
                        // A prefix is read only where the strict decoder applies: it decodes exactly what MimeKit's would.
                        return null;
                    }

                    count = decoder.Decode(raw, 0, length, decoded);
                }
            }
            else
            {
                // 7bit and 8bit content is its own decoding.
                decoded = raw;
                raw = null;
                count = length;
            }

            string? text;
            if (isAscii)
            {
                // Throws DecoderFallbackException on a byte over 0x7F (a mislabelled part): read through MimeKit then.
                text = _strictAscii.GetString(decoded, 0, count);
            }
            else
            {
                var hasBom = count >= 3 && decoded[0] == 0xEF && decoded[1] == 0xBB && decoded[2] == 0xBF;
                text = hasBom ? null : _strictUtf8.GetString(decoded, 0, count);
            }

            cut = text is null ? PrefixCut.Unreadable : whole ? PrefixCut.Whole : PrefixCut.Prefix;
            return text;
        }
        catch (Exception ex) when (ex is DecoderFallbackException or System.IO.IOException or NotSupportedException or ArgumentException)
        {
            return null;
        }
        finally
        {
            stream.Position = 0;
            if (raw is not null)
            {
                ArrayPool<byte>.Shared.Return(raw);
            }

            if (decoded is not null)
            {
                ArrayPool<byte>.Shared.Return(decoded);
            }
        }
    }

    /// <summary>
    /// Reads the first <paramref name="count"/> bytes of the seekable stream (fewer only at its end) into
    /// <paramref name="buffer"/>; returns how many bytes were read.
    /// </summary>
    private static int ReadUpTo(System.IO.Stream stream, byte[] buffer, int count)
    {
        stream.Position = 0;
        var length = 0;
        int read;
        while (length < count && (read = stream.Read(buffer, length, count - length)) > 0)
        {
            length += read;
        }

        return length;
    }

    /// <summary>Reads the rest of the stream after the first <paramref name="length"/> bytes already in <paramref name="buffer"/>; returns the new length.</summary>
    private static int ReadRest(System.IO.Stream stream, byte[] buffer, int length)
    {
        stream.Position = length;
        int read;
        while (length < stream.Length && (read = stream.Read(buffer, length, (int)stream.Length - length)) > 0)
        {
            length += read;
        }

        return length;
    }

    /// <summary>Reads the whole seekable stream from its start into <paramref name="buffer"/>; returns how many bytes were read.</summary>
    private static int ReadAll(System.IO.Stream stream, byte[] buffer)
    {
        stream.Position = 0;
        var length = 0;
        int read;
        while (length < stream.Length && (read = stream.Read(buffer, length, (int)stream.Length - length)) > 0)
        {
            length += read;
        }

        return length;
    }

    /// <summary>
    /// The offset just after the first hard line break at or after <paramref name="from"/> (a line feed that does not end
    /// a quoted-printable soft break), or <paramref name="length"/> when there is none. Cutting there keeps the decoded
    /// prefix exact: no escape, soft break or multi-byte character is split.
    /// </summary>
    private static int HardLineBreakAfter(byte[] raw, int length, int from, bool quotedPrintable)
    {
        for (var lf = Array.IndexOf(raw, (byte)'\n', from, length - from); lf >= 0; lf = Array.IndexOf(raw, (byte)'\n', lf + 1, length - lf - 1))
        {
            var before = lf > 0 && raw[lf - 1] == '\r' ? lf - 2 : lf - 1;
            if (!quotedPrintable || before < 0 || raw[before] != '=')
            {
                return lf + 1;
            }

            if (lf + 1 >= length)
            {
                break;
            }
        }

        return length;
    }

    /// <summary>What <see cref="TryReadDirect(TextPart, bool, int, out PrefixCut)"/> read.</summary>
    private enum PrefixCut
    {
        Unreadable,
        Prefix,
        Whole,
    }

    /// <summary>The line ending used inside the text (CRLF unless the text uses bare LF).</summary>
    public static string NewLineOf(string text)
    {
        var lf = text.IndexOf('\n');
        return lf > 0 && text[lf - 1] == '\r' ? "\r\n" : lf >= 0 ? "\n" : "\r\n";
    }

    /// <summary>
    /// Inserts <paramref name="insertion"/> at <paramref name="offset"/> of the part's text <paramref name="text"/> (as
    /// read by <see cref="Read(TextPart, out bool)"/>). Quoted-printable, 7bit and 8bit parts whose text was read
    /// exactly are spliced in their encoded form (see <see cref="EncodedTextSplice"/>); a US-ASCII part that receives
    /// non-ASCII text is relabelled UTF-8, which its bytes already are. Everything else is rewritten by <see cref="Write"/>.
    /// </summary>
    /// <returns>The charset the part now declares.</returns>
    public static string Insert(TextPart part, string text, bool exact, int offset, string insertion, RentedBuffers buffers)
    {
        return (exact ? TrySplice(part, text, offset, insertion, buffers) : null) ?? Write(part, text.Insert(offset, insertion));
    }

    /// <summary>The splice half of <see cref="Insert"/>: the new charset, or <see langword="null"/> when the part was left unchanged.</summary>
    internal static string? TrySplice(TextPart part, string text, int offset, string insertion, RentedBuffers buffers) =>
        PrepareSplice(part, text, offset, insertion)?.Apply(buffers);

    /// <summary>
    /// The splice of <see cref="TrySplice"/> without changing the part yet, or <see langword="null"/> when it cannot be
    /// spliced. <paramref name="text"/> may be a prefix of the part's text (see <see cref="ReadPrefix"/>) that covers
    /// <paramref name="offset"/>; an HTML part's change of charset then needs its meta charset inside the prefix.
    /// </summary>
    internal static PreparedSplice? PrepareSplice(TextPart part, string text, int offset, string insertion, bool textIsPrefix = false)
    {
        var content = part.Content;
        var transfer = content?.Encoding ?? ContentEncoding.Default;
        var charset = part.ContentType.Charset;
        var isAscii = string.Equals(charset, "us-ascii", StringComparison.OrdinalIgnoreCase);
        if (content?.Stream is not { CanSeek: true } stream || stream.Length > int.MaxValue || charset is null
            || transfer is not (ContentEncoding.QuotedPrintable or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Default))
        {
            return null;
        }

        var sevenBit = transfer is ContentEncoding.SevenBit or ContentEncoding.Default;
        var edits = new List<TextEdit>(2);
        var newCharset = charset;
        if (isAscii && !IsAscii(insertion))
        {
            if (sevenBit)
            {
                // The part must become 8-bit or be encoded: that is the full rewrite's job.
                return null;
            }

            newCharset = "utf-8";
            if (part.IsHtml && !TryAddMetaCharsetEdit(text, offset, insertion, newCharset, edits, textIsPrefix))
            {
                return null;
            }
        }

        var insertAt = edits.Count > 0 && edits[0].Start < offset ? 1 : 0;
        edits.Insert(insertAt, new TextEdit(offset, 0, insertion));

        var raw = ArrayPool<byte>.Shared.Rent((int)stream.Length);
        var rented = ArrayPool<byte>.Shared.Rent(EncodedTextSplice.MaxSplicedLength((int)stream.Length, edits));
        int splicedLength;
        try
        {
            var length = ReadAll(stream, raw);
            var output = new System.IO.MemoryStream(rented, 0, rented.Length, writable: true, publiclyVisible: true);

            // Relabelling US-ASCII as UTF-8 is only true when no byte beyond the decoded top is 8-bit (a mislabelled
            // Latin-1 tail would become invalid UTF-8): such a part goes to the whole path, which leaves it alone.
            splicedLength = !string.Equals(newCharset, charset, StringComparison.Ordinal) && HasEightBitContent(raw, length, transfer == ContentEncoding.QuotedPrintable) ? -1
                : EncodedTextSplice.TrySplice(raw, length, transfer == ContentEncoding.QuotedPrintable, sevenBit, text, edits, output) ? (int)output.Position : -1;
        }
        catch (Exception ex) when (ex is System.IO.IOException or NotSupportedException)
        {
            splicedLength = -1;
        }
        finally
        {
            stream.Position = 0;
            ArrayPool<byte>.Shared.Return(raw);
        }

        if (splicedLength < 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
            return null;
        }

        // Publicly visible, so that the writer can copy the encoded bytes instead of passing them through MimeKit's filters.
        var splicedContent = new MimeContent(new System.IO.MemoryStream(rented, 0, splicedLength, writable: false, publiclyVisible: true), transfer);
        return new PreparedSplice(part, splicedContent, rented, string.Equals(newCharset, charset, StringComparison.Ordinal) ? null : newCharset, newCharset);
    }

    /// <summary>Whether encoded content decodes to any byte over 0x7F: a raw 8-bit byte, or in quoted-printable an <c>=8X</c>…<c>=FX</c> escape.</summary>
    /// <remarks>
    /// It reads the whole part on every relabelled stamp, so it reads a vector at a time where the runtime has vector
    /// instructions (.NET Framework's RyuJIT too): a byte over 0x7F answers at once, and only a vector with an '='
    /// followed by a byte from '8' up (an escape of an 8-bit byte, or rarely something else) is looked at byte by byte.
    /// The '=' of soft line breaks and of <c>=3D</c>, frequent in HTML, are passed in bulk.
    /// </remarks>
    internal static bool HasEightBitContent(byte[] raw, int length, bool quotedPrintable)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<byte>.Count;
            var high = new Vector<byte>(0x80);
            var equalSign = new Vector<byte>((byte)'=');
            var eight = new Vector<byte>((byte)'8');

            // The byte after each lane is read too, so a vector needs one byte beyond it inside the content.
            for (; i + width < length; i += width)
            {
                var bytes = new Vector<byte>(raw, i);
                if (Vector.GreaterThanOrEqualAny(bytes, high))
                {
                    return true;
                }

                if (quotedPrintable
                    && !Vector.EqualsAll(Vector.BitwiseAnd(Vector.Equals(bytes, equalSign), Vector.GreaterThanOrEqual(new Vector<byte>(raw, i + 1), eight)), Vector<byte>.Zero)
                    && HasEightBitEscape(raw, length, i, i + width))
                {
                    return true;
                }
            }
        }

        for (; i < length; i++)
        {
            if (raw[i] >= 0x80 || (quotedPrintable && raw[i] == '=' && IsEightBitEscape(raw, length, i)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an '=' in <c>[from, to)</c> starts an 8-bit escape (see <see cref="IsEightBitEscape"/>).</summary>
    private static bool HasEightBitEscape(byte[] raw, int length, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (raw[i] == '=' && IsEightBitEscape(raw, length, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the '=' at <paramref name="at"/> starts an <c>=8X</c>…<c>=FX</c> escape (upper or lower case) that ends inside the content.</summary>
    private static bool IsEightBitEscape(byte[] raw, int length, int at) =>
        at + 2 < length && raw[at + 1] is (>= (byte)'8' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F') or (>= (byte)'a' and <= (byte)'f')
        && Uri.IsHexDigit((char)raw[at + 2]);

    /// <summary>A splice computed for a part and not yet applied to it.</summary>
    internal sealed class PreparedSplice
    {
        private readonly TextPart _part;
        private readonly MimeContent _content;
        private readonly byte[] _rented;
        private readonly string? _relabelAs;

        public PreparedSplice(TextPart part, MimeContent content, byte[] rented, string? relabelAs, string charset)
        {
            _part = part;
            _content = content;
            _rented = rented;
            _relabelAs = relabelAs;
            Charset = charset;
        }

        /// <summary>The charset the part declares once the splice is applied.</summary>
        public string Charset { get; }

        /// <summary>
        /// Gives the part its spliced content (and new charset). The content lives in a pooled buffer that
        /// <paramref name="buffers"/> returns once the edited message is written; a splice never applied is simply dropped.
        /// </summary>
        /// <returns>The charset the part now declares.</returns>
        public string Apply(RentedBuffers buffers)
        {
            buffers.Adopt(_rented);
            ContentReplacement.Replace(_part, _content);
            if (_relabelAs is not null)
            {
                _part.ContentType.Charset = _relabelAs;
            }

            return Charset;
        }

        /// <summary>Gives the pooled buffer back without applying the splice; the splice must not be used afterwards.</summary>
        public void Discard() => ArrayPool<byte>.Shared.Return(_rented);
    }

    /// <summary>
    /// Adds the edit that makes the first HTML meta charset declare <paramref name="charset"/>, as <see cref="Write"/>
    /// does; false when that cannot be a separate edit (the inserted HTML declares a charset itself, or overlaps it).
    /// </summary>
    /// <remarks>
    /// On a prefix, a match whose value ends inside it is the whole HTML's first match too (an earlier match would end
    /// before it); without such a match the meta charset may lie beyond the prefix, and false sends the caller to the
    /// whole part.
    /// </remarks>
    private static bool TryAddMetaCharsetEdit(string html, int offset, string insertion, string charset, List<TextEdit> edits, bool htmlIsPrefix)
    {
        try
        {
            if (_metaCharset.IsMatch(insertion))
            {
                return false;
            }

            var match = _metaCharset.Match(html);
            if (!match.Success)
            {
                return !htmlIsPrefix;
            }

            var value = match.Groups[2];
            if (htmlIsPrefix && value.Index + value.Length >= html.Length)
            {
                return false;
            }

            if (value.Index < offset && value.Index + value.Length > offset)
            {
                return false;
            }

            if (!string.Equals(value.Value, charset, StringComparison.Ordinal))
            {
                edits.Add(new TextEdit(value.Index, value.Length, charset));
            }

            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Replaces the part's text. The declared charset is kept when it can encode every character, otherwise the part
    /// becomes UTF-8 (and an HTML meta charset is updated to match). The transfer encoding is kept when it is
    /// quoted-printable or base64, otherwise the best 7-bit-safe encoding is chosen (no line over 998 octets).
    /// </summary>
    /// <returns>The charset the part now declares.</returns>
    public static string Write(TextPart part, string text)
    {
        var originalEncoding = part.ContentTransferEncoding;
        var declared = part.ContentType.Charset;
        var charset = string.IsNullOrWhiteSpace(declared) ? null : declared;
        if (charset is null && part.IsHtml)
        {
            var bytes = DecodedBytes(part, out var length);
            charset = MetaCharsetOf(bytes, length);
        }

        charset ??= "us-ascii";
        var original = charset;
        var encoding = TryGetEncoding(charset);
        if (encoding is null || !CanEncode(encoding, text))
        {
            charset = "utf-8";
            if (part.IsHtml)
            {
                text = RewriteMetaCharset(text, charset);
            }
        }

        if (originalEncoding is ContentEncoding.QuotedPrintable or ContentEncoding.Base64 && encoding is not null && string.Equals(charset, original, StringComparison.Ordinal))
        {
            // The charset is kept (declared, or the HTML's meta charset when the part declares none): nothing is relabelled.
            SetEncodedText(part, encoding, text, originalEncoding);
            return charset;
        }

        if (originalEncoding is ContentEncoding.QuotedPrintable or ContentEncoding.Base64 && charset == "utf-8")
        {
            SetEncodedText(part, new UTF8Encoding(false), text, originalEncoding);
            part.ContentType.Charset = charset;
            return charset;
        }

        part.SetText(charset, text);
        part.ContentTransferEncoding = originalEncoding is ContentEncoding.QuotedPrintable or ContentEncoding.Base64
            ? originalEncoding
            : part.GetBestEncoding(EncodingConstraint.SevenBit, 998);
        return charset;
    }

    /// <summary>
    /// Encodes the text once with MimeKit's encoder for the part's transfer encoding and stores it already encoded,
    /// instead of <see cref="TextPart.SetText(string, string)"/> and an encoding filter when the message is written.
    /// </summary>
    private static void SetEncodedText(TextPart part, Encoding encoding, string text, ContentEncoding transferEncoding)
    {
        var bytes = encoding.GetBytes(text);
        IMimeEncoder encoder = transferEncoding == ContentEncoding.Base64 ? new Base64Encoder() : new QuotedPrintableEncoder();
        var buffer = ArrayPool<byte>.Shared.Rent(encoder.EstimateOutputLength(bytes.Length));
        byte[] encoded;
        try
        {
            var length = encoder.Flush(bytes, 0, bytes.Length, buffer);
            encoded = new byte[length];
            Buffer.BlockCopy(buffer, 0, encoded, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        ContentReplacement.Replace(part, new MimeContent(new System.IO.MemoryStream(encoded, 0, encoded.Length, writable: false, publiclyVisible: true), transferEncoding));
        part.ContentTransferEncoding = transferEncoding;
    }

    private static Encoding? TryGetEncoding(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            // No charset parameter means US-ASCII (RFC 2045).
            return Encoding.ASCII;
        }

        try
        {
            var encoding = new ContentType("text", "plain") { Charset = charset }.CharsetEncoding;
            return encoding;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static bool CanEncode(Encoding encoding, string text)
    {
        // The common cases without a throwing encoder: an exception per edited part costs more than the check.
        if (encoding.CodePage is 65001 or 1200 or 1201 or 12000 or 12001)
        {
            return true;
        }

        if (encoding.CodePage == 20127)
        {
            foreach (var c in text)
            {
                if (c >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }

        try
        {
            // Decoded again and compared: a codec that substitutes instead of throwing (Mono's I18N) is caught too.
            var strict = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            return string.Equals(strict.GetString(strict.GetBytes(text)), text, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is EncoderFallbackException or DecoderFallbackException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    private static string RewriteMetaCharset(string html, string charset)
    {
        try
        {
            return _metaCharset.Replace(html, m => m.Groups[1].Value + charset, 1);
        }
        catch (RegexMatchTimeoutException)
        {
            return html;
        }
    }
}
