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
        using var output = new MemoryStream(mime.Length + 256);
        headers.WriteTo(WireFormat.Options, output);
        output.Write(mime, end, mime.Length - end);
        return output.ToArray();
    }

    /// <summary>The top-level headers, parsed.</summary>
    public static HeaderList Read(byte[] mime)
    {
        using var block = new MemoryStream(mime, 0, EndOfHeaders(mime), writable: false);
        return HeaderList.Load(block);
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
