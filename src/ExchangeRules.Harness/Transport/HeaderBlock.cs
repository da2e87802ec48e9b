using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using MimeKit;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// Edits the top-level header block of a message and leaves every byte after it as it was, the way Exchange
/// changes headers in its MIME document without re-encoding the body.
/// </summary>
internal static class HeaderBlock
{
    /// <summary>Fields longer than this are carried as bytes instead of being parsed (see <see cref="SetAsideLargeFields"/>).</summary>
    private const int _largeField = 16 * 1024;

    private const string _placeholderName = "X-ExchangeRules-Harness-Large-Field-";

    private static readonly byte[] _lineBreak = { (byte)'\r', (byte)'\n' };

    /// <summary>
    /// The large fields an edit does not see: the address lists and thread references that grow with a message's
    /// recipients and history, which neither Exchange's transport nor an agent here rewrites. Carried as bytes, they are
    /// copied once per hop (scenario 7: a 10,000-address To of 300 KB). Every other large field is put back for the
    /// edit, so a forged organisation header or marker of any size is stripped or removed like a short one.
    /// </summary>
    private static readonly HashSet<string> _carriedAsBytesInEdits = new(StringComparer.OrdinalIgnoreCase)
    {
        "To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc", "References", "In-Reply-To",
    };

    /// <summary>The message with its top-level headers changed by <paramref name="edit"/>; the body bytes are copied unchanged.</summary>
    public static byte[] Edit(byte[] mime, Action<HeaderList> edit)
    {
        if (mime is null)
        {
            throw new ArgumentNullException(nameof(mime));
        }

        return Edit(new ArraySegment<byte>(mime), edit);
    }

    /// <summary>
    /// The message in <paramref name="mime"/> (for example the buffer of the processor's edited stream) with its
    /// top-level headers changed by <paramref name="edit"/>, as a new array of exactly its size: only the header
    /// block is written twice, the body is copied once.
    /// </summary>
    public static byte[] Edit(ArraySegment<byte> mime, Action<HeaderList> edit)
    {
        if (mime.Array is null)
        {
            throw new ArgumentNullException(nameof(mime));
        }

        if (edit is null)
        {
            throw new ArgumentNullException(nameof(edit));
        }

        var bytes = mime.Array;
        var start = mime.Offset;
        var end = start + mime.Count;
        var headersEnd = EndOfHeaders(bytes, start, end);
        var (small, large) = SetAsideLargeFields(bytes, start, headersEnd);
        var headers = small is null ? Load(bytes, start, headersEnd) : Load(small, 0, small.Length);
        var restored = RestoreLargeFields(headers, large, _carriedAsBytesInEdits);
        edit(headers);
        SetAsideUnchanged(headers, restored);

        // MimeKit writes the header block with the blank line that ends it; the original blank line is dropped.
        using var block = new MemoryStream(4096);
        headers.WriteTo(WireFormat.Options, block);
        if (!EndsWithBlankLine(block))
        {
            block.Write(_lineBreak, 0, _lineBreak.Length);
        }

        if (large.Count > 0)
        {
            return PutBackLargeFields(block, large, bytes, SkipLineBreak(bytes, headersEnd, end), end);
        }

        var body = SkipLineBreak(bytes, headersEnd, end);
        var result = new byte[block.Length + (end - body)];
        Buffer.BlockCopy(block.GetBuffer(), 0, result, 0, (int)block.Length);
        Buffer.BlockCopy(bytes, body, result, (int)block.Length, end - body);
        return result;
    }

    /// <summary>The top-level headers, parsed; every field is there whatever its size.</summary>
    public static HeaderList Read(byte[] mime) => Read(mime, keepAsBytes: null);

    /// <summary>
    /// The top-level headers for transport's own decisions (origin, content type, Message-ID): large address lists and
    /// thread references, which none of them reads, stay placeholders instead of being copied out of a large message.
    /// </summary>
    public static HeaderList ReadForTransport(byte[] mime) => Read(mime, _carriedAsBytesInEdits);

    private static HeaderList Read(byte[] mime, HashSet<string>? keepAsBytes)
    {
        if (mime is null)
        {
            throw new ArgumentNullException(nameof(mime));
        }

        var headersEnd = EndOfHeaders(mime, 0, mime.Length);
        var (small, large) = SetAsideLargeFields(mime, 0, headersEnd);
        if (small is null)
        {
            return Load(mime, 0, headersEnd);
        }

        var headers = Load(small, 0, small.Length);
        RestoreLargeFields(headers, large, keepAsBytes);
        return headers;
    }

    /// <summary>
    /// Puts each large field back in place of its placeholder as a header built from its raw bytes (no parse, so no
    /// quadratic cost), so every reader and edit sees the message's own fields: what an agent reads, and what the
    /// header firewall strips, whatever its size (a sender chooses how long a forged field is). Returns, per large
    /// field, the header put back and the placeholder it replaced. Fields named in <paramref name="keepAsBytes"/> stay
    /// placeholders.
    /// </summary>
    private static List<(Header Restored, Header Placeholder, byte[] Raw)> RestoreLargeFields(HeaderList headers, List<ArraySegment<byte>> large, HashSet<string>? keepAsBytes)
    {
        var restored = new List<(Header, Header, byte[])>(large.Count);
        if (large.Count == 0)
        {
            return restored;
        }

        for (var i = 0; i < headers.Count; i++)
        {
            var placeholder = headers[i];
            if (!placeholder.Field.StartsWith(_placeholderName, StringComparison.Ordinal)
                || !int.TryParse(placeholder.Field.Substring(_placeholderName.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index >= large.Count
                || FromRawBytes(large[index], keepAsBytes) is not { } field)
            {
                continue;
            }

            headers[i] = field.Header;
            restored.Add((field.Header, placeholder, field.Raw));
        }

        return restored;
    }

    /// <summary>
    /// Swaps every large field the edit left as it was back to its placeholder, so the written block is small and the
    /// field's bytes are copied once, straight into the result (<see cref="PutBackLargeFields"/>). A field the edit
    /// removed stays removed; one it changed is written as changed.
    /// </summary>
    private static void SetAsideUnchanged(HeaderList headers, List<(Header Restored, Header Placeholder, byte[] Raw)> restored)
    {
        foreach (var (header, placeholder, raw) in restored)
        {
            var at = headers.IndexOf(header);
            if (at >= 0 && ReferenceEquals(header.RawValue, raw))
            {
                headers[at] = placeholder;
            }
        }
    }

    /// <summary>A header from a field's raw bytes ("Name:" then the folded value and its line break), or null when its name is not a valid field name or is one of <paramref name="keepAsBytes"/>.</summary>
    private static (Header Header, byte[] Raw)? FromRawBytes(ArraySegment<byte> field, HashSet<string>? keepAsBytes)
    {
        var bytes = field.Array!;
        var colon = Array.IndexOf(bytes, (byte)':', field.Offset, field.Count);
        if (colon <= field.Offset)
        {
            return null;
        }

        var name = Encoding.ASCII.GetString(bytes, field.Offset, colon - field.Offset).TrimEnd(' ', '\t');
        if (keepAsBytes?.Contains(name) == true)
        {
            return null;
        }

        var raw = new byte[field.Offset + field.Count - (colon + 1)];
        Buffer.BlockCopy(bytes, colon + 1, raw, 0, raw.Length);
        try
        {
            var header = new Header(name, string.Empty);
            header.SetRawValue(raw);
            return (header, raw);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The header block with every field longer than <see cref="_largeField"/> bytes replaced by a short placeholder
    /// field, and those fields' raw bytes; <see langword="null"/> when there is none. MimeKit's header parser takes
    /// time and memory quadratic in the length of one folded field (a To header with 10,000 addresses: 3 s and 580 MB
    /// per parse), so such fields are not handed to MimeKit's parser: they are put back as headers built from their bytes
    /// (<see cref="RestoreLargeFields"/>), or carried through as bytes when an edit does not need them.
    /// </summary>
    private static (byte[]? Small, List<ArraySegment<byte>> Large) SetAsideLargeFields(byte[] bytes, int start, int end)
    {
        var large = new List<ArraySegment<byte>>();
        if (end - start <= _largeField)
        {
            return (null, large);
        }

        using var small = new MemoryStream();
        var field = start;
        while (field < end)
        {
            var next = EndOfField(bytes, field, end);
            if (next - field > _largeField)
            {
                var placeholder = Encoding.ASCII.GetBytes(_placeholderName + large.Count.ToString(CultureInfo.InvariantCulture) + ": x\r\n");
                small.Write(placeholder, 0, placeholder.Length);
                large.Add(new ArraySegment<byte>(bytes, field, next - field));
            }
            else
            {
                small.Write(bytes, field, next - field);
            }

            field = next;
        }

        return large.Count == 0 ? (null, large) : (small.ToArray(), large);
    }

    /// <summary>
    /// The written header block with each placeholder line replaced by the field it stands for, then the body, as one
    /// array of exactly its size: the message is allocated once (a stream grown to its size and copied out made
    /// two more copies of a message that is large by definition here, each on the large object heap).
    /// </summary>
    private static byte[] PutBackLargeFields(MemoryStream block, List<ArraySegment<byte>> large, byte[] bytes, int body, int end)
    {
        var written = block.GetBuffer();
        var length = (int)block.Length;
        var marker = Encoding.ASCII.GetBytes(_placeholderName);
        var lines = new List<(int Start, int End, int Field)>();
        var size = end - body;
        var line = 0;
        while (line < length)
        {
            var lineEnd = Array.IndexOf(written, (byte)'\n', line, length - line);
            lineEnd = lineEnd < 0 ? length : lineEnd + 1;
            var field = -1;
            if (StartsWith(written, line, lineEnd, marker))
            {
                var digits = line + marker.Length;
                var colon = Array.IndexOf(written, (byte)':', digits, lineEnd - digits);
                field = int.Parse(Encoding.ASCII.GetString(written, digits, colon - digits), CultureInfo.InvariantCulture);
            }

            lines.Add((line, lineEnd, field));
            size += field < 0 ? lineEnd - line : large[field].Count;
            line = lineEnd;
        }

        var result = new byte[size];
        var at = 0;
        foreach (var (start, stop, field) in lines)
        {
            if (field < 0)
            {
                Buffer.BlockCopy(written, start, result, at, stop - start);
                at += stop - start;
            }
            else
            {
                Buffer.BlockCopy(large[field].Array!, large[field].Offset, result, at, large[field].Count);
                at += large[field].Count;
            }
        }

        Buffer.BlockCopy(bytes, body, result, at, end - body);
        return result;
    }

    private static bool StartsWith(byte[] bytes, int start, int end, byte[] prefix)
    {
        if (end - start < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (bytes[start + i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The offset after the field starting at <paramref name="start"/>: after its last line, folded lines included.</summary>
    private static int EndOfField(byte[] bytes, int start, int end)
    {
        var at = start;
        while (at < end)
        {
            var lineEnd = Array.IndexOf(bytes, (byte)'\n', at, end - at);
            at = lineEnd < 0 ? end : lineEnd + 1;
            if (at >= end || (bytes[at] != (byte)' ' && bytes[at] != (byte)'\t'))
            {
                return at;
            }
        }

        return end;
    }

    private static HeaderList Load(byte[] bytes, int start, int end)
    {
        using var block = new MemoryStream(bytes, start, end - start, writable: false);
        return HeaderList.Load(block);
    }

    private static int SkipLineBreak(byte[] mime, int at, int end)
    {
        if (at < end && mime[at] == (byte)'\r')
        {
            at++;
        }

        return at < end && mime[at] == (byte)'\n' ? at + 1 : at;
    }

    private static bool EndsWithBlankLine(MemoryStream output)
    {
        var bytes = output.GetBuffer();
        var length = (int)output.Length;
        return (length >= 4 && bytes[length - 4] == '\r' && bytes[length - 3] == '\n' && bytes[length - 2] == '\r' && bytes[length - 1] == '\n')
            || (length >= 2 && bytes[length - 2] == '\n' && bytes[length - 1] == '\n');
    }

    /// <summary>The offset just after the last header line (the blank line that ends the block starts there).</summary>
    private static int EndOfHeaders(byte[] mime, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (mime[i] != (byte)'\n')
            {
                continue;
            }

            if (i + 1 < end && mime[i + 1] == (byte)'\n')
            {
                return i + 1;
            }

            if (i + 2 < end && mime[i + 1] == (byte)'\r' && mime[i + 2] == (byte)'\n')
            {
                return i + 1;
            }
        }

        return end;
    }
}
