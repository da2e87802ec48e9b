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
    /// <summary>The message with its top-level headers changed by <paramref name="edit"/>; the body bytes are copied unchanged.</summary>
    public static byte[] Edit(byte[] mime, Action<HeaderList> edit)
    {
        if (mime is null)
        {
            throw new ArgumentNullException(nameof(mime));
        }

        var end = EndOfHeaders(mime);
        HeaderList headers;
        using (var block = new MemoryStream(mime, 0, end, writable: false))
        {
            headers = HeaderList.Load(block);
        }

        edit(headers);

        // MimeKit writes the header block with the blank line that ends it; the original blank line is dropped.
        var body = SkipLineBreak(mime, end);
        using var output = new MemoryStream(mime.Length + 256);
        headers.WriteTo(WireFormat.Options, output);
        if (!EndsWithBlankLine(output))
        {
            output.Write(new[] { (byte)'\r', (byte)'\n' }, 0, 2);
        }

        output.Write(mime, body, mime.Length - body);
        return output.ToArray();
    }

    /// <summary>The top-level headers, parsed.</summary>
    public static HeaderList Read(byte[] mime)
    {
        using var block = new MemoryStream(mime, 0, EndOfHeaders(mime), writable: false);
        return HeaderList.Load(block);
    }

    private static int SkipLineBreak(byte[] mime, int at)
    {
        if (at < mime.Length && mime[at] == (byte)'\r')
        {
            at++;
        }

        return at < mime.Length && mime[at] == (byte)'\n' ? at + 1 : at;
    }

    private static bool EndsWithBlankLine(MemoryStream output)
    {
        var bytes = output.GetBuffer();
        var length = (int)output.Length;
        return (length >= 4 && bytes[length - 4] == '\r' && bytes[length - 3] == '\n' && bytes[length - 2] == '\r' && bytes[length - 1] == '\n')
            || (length >= 2 && bytes[length - 2] == '\n' && bytes[length - 1] == '\n');
    }

    /// <summary>The offset just after the last header line (the blank line that ends the block starts there).</summary>
    private static int EndOfHeaders(byte[] mime)
    {
        for (var i = 0; i < mime.Length; i++)
        {
            if (mime[i] != (byte)'\n')
            {
                continue;
            }

            if (i + 1 < mime.Length && mime[i + 1] == (byte)'\n')
            {
                return i + 1;
            }

            if (i + 2 < mime.Length && mime[i + 1] == (byte)'\r' && mime[i + 2] == (byte)'\n')
            {
                return i + 1;
            }
        }

        return mime.Length;
    }
}
