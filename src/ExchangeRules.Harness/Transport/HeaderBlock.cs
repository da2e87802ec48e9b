using System;
using System.IO;
using MimeKit;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// Edits the top-level header block of a message and leaves every byte after it as it was, the way Exchange
/// changes headers in its MIME document without re-encoding the body.
/// </summary>
internal static class HeaderBlock
{
    private static readonly byte[] _lineBreak = { (byte)'\r', (byte)'\n' };

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
        var headers = Load(bytes, start, headersEnd);
        edit(headers);

        // MimeKit writes the header block with the blank line that ends it; the original blank line is dropped.
        using var block = new MemoryStream(4096);
        headers.WriteTo(WireFormat.Options, block);
        if (!EndsWithBlankLine(block))
        {
            block.Write(_lineBreak, 0, _lineBreak.Length);
        }

        var body = SkipLineBreak(bytes, headersEnd, end);
        var result = new byte[block.Length + (end - body)];
        Buffer.BlockCopy(block.GetBuffer(), 0, result, 0, (int)block.Length);
        Buffer.BlockCopy(bytes, body, result, (int)block.Length, end - body);
        return result;
    }

    /// <summary>The top-level headers, parsed.</summary>
    public static HeaderList Read(byte[] mime)
    {
        if (mime is null)
        {
            throw new ArgumentNullException(nameof(mime));
        }

        return Load(mime, 0, EndOfHeaders(mime, 0, mime.Length));
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
