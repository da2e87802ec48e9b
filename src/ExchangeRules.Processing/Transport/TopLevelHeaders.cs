using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// Copies a message while removing and appending top-level header fields, byte for byte otherwise: the other header
/// lines keep their folding and the body is not re-encoded, the way Exchange edits headers in its MIME document.
/// Used to put the processed marker inside the content the handler writes, in the same write as the edit: the body
/// is not copied before the host's write (<see cref="Edit"/>).
/// </summary>
public static class TopLevelHeaders
{
    private const int _chunk = 81920;

    private static readonly byte[] _crlf = { (byte)'\r', (byte)'\n' };
    private static readonly byte[] _lf = { (byte)'\n' };

    /// <summary>Copies <paramref name="source"/> from its start to <paramref name="destination"/>.</summary>
    /// <param name="source">The message, seekable.</param>
    /// <param name="destination">Receives the edited message.</param>
    /// <param name="remove">Whether a header field of this name is dropped.</param>
    /// <param name="add">Fields appended at the end of the header block (ASCII values).</param>
    public static void Copy(Stream source, Stream destination, Func<string, bool> remove, IReadOnlyList<KeyValuePair<string, string>> add)
    {
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        Edit(source, remove, add).CopyTo(destination, _chunk);
    }

    /// <summary>
    /// The message with its header block edited, without copying the body: a read-only, seekable stream of the new
    /// header block followed by <paramref name="source"/>'s body, read from <paramref name="source"/> as the result is
    /// read. Only the header block is read now; <paramref name="source"/> must stay open and unchanged while the
    /// result is in use.
    /// </summary>
    /// <param name="source">The message, seekable.</param>
    /// <param name="remove">Whether a header field of this name is dropped.</param>
    /// <param name="add">Fields appended at the end of the header block (ASCII values).</param>
    public static Stream Edit(Stream source, Func<string, bool> remove, IReadOnlyList<KeyValuePair<string, string>> add)
    {
        if (source is null)
        {
            throw new ArgumentNullException(nameof(source));
        }

        if (remove is null)
        {
            throw new ArgumentNullException(nameof(remove));
        }

        if (add is null)
        {
            throw new ArgumentNullException(nameof(add));
        }

        // Read in 4 KB steps straight into one pooled array (room for two steps first, a typical Exchange header block
        // is 3-6 KB), so that no more of the body than one step is read, and nothing is copied while the block grows.
        source.Position = 0;
        var bytes = ArrayPool<byte>.Shared.Rent(2 * ReadStep);
        byte[]? head = null;
        try
        {
            var end = ReadHeaderBlock(source, ref bytes, int.MaxValue, out var length);
            var hasBody = end >= 0;
            if (!hasBody)
            {
                end = length;
            }

            var newLine = LineBreakOf(bytes, length);
            var lines = add.Count == 0 ? Array.Empty<byte[]>() : new byte[add.Count][];
            var capacity = end + newLine.Length * (add.Count + 2);
            for (var i = 0; i < add.Count; i++)
            {
                lines[i] = Encoding.ASCII.GetBytes(add[i].Key + ": " + add[i].Value);
                capacity += lines[i].Length;
            }

            // The new block is built in a pooled array of its largest possible size, then copied once into its own.
            head = ArrayPool<byte>.Shared.Rent(capacity);
            var written = 0;
            var lastWasLineEnd = true;
            var field = 0;
            while (field < end)
            {
                var next = NextField(bytes, field, end);
                if (!remove(NameOf(bytes, field, next)))
                {
                    Buffer.BlockCopy(bytes, field, head, written, next - field);
                    written += next - field;
                    lastWasLineEnd = bytes[next - 1] == (byte)'\n';
                }

                field = next;
            }

            if (!lastWasLineEnd)
            {
                written = Append(head, written, newLine);
            }

            foreach (var line in lines)
            {
                written = Append(head, written, line);
                written = Append(head, written, newLine);
            }

            if (!hasBody)
            {
                // A message without a body: end the header block as a message must.
                written = Append(head, written, newLine);
            }

            var block = new byte[written];
            Buffer.BlockCopy(head, 0, block, 0, written);

            // The body starts at the blank line that ends the header block; the bytes after it that were read with the
            // header block are read again from the source, so the result never holds more than the header block.
            return new HeaderEditedStream(block, source, end);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            if (head is not null)
            {
                ArrayPool<byte>.Shared.Return(head);
            }
        }
    }

    private static int Append(byte[] destination, int at, byte[] bytes)
    {
        Buffer.BlockCopy(bytes, 0, destination, at, bytes.Length);
        return at + bytes.Length;
    }

    /// <summary>How much of the message is read at a time: a typical Exchange header block is 3-6 KB, so no more of the body than one step is read.</summary>
    internal const int ReadStep = 4096;

    /// <summary>
    /// Reads the header block from <paramref name="source"/>'s position into <paramref name="buffer"/>, a pooled
    /// array (a larger one is rented and the old one returned as the block grows, so nothing is copied twice), one
    /// <see cref="ReadStep"/> at a time, until the blank line that ends the block has been read, the stream ends, or
    /// more than <paramref name="maxBytes"/> have been read. Returns <see cref="EndOfHeaders"/> of what was read, or -1
    /// when no blank line was found; <paramref name="length"/> is how much was read.
    /// </summary>
    internal static int ReadHeaderBlock(Stream source, ref byte[] buffer, int maxBytes, out int length)
    {
        length = 0;
        while (length <= maxBytes)
        {
            if (buffer.Length - length < ReadStep)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                Buffer.BlockCopy(buffer, 0, larger, 0, length);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var read = source.Read(buffer, length, ReadStep);
            if (read == 0)
            {
                return -1;
            }

            var scanFrom = Math.Max(0, length - 3);
            length += read;
            var end = EndOfHeaders(buffer, scanFrom, length);
            if (end >= 0)
            {
                return end;
            }
        }

        return -1;
    }

    /// <summary>
    /// The offset of the blank line that ends the header block (the block's length, its last line break included), or
    /// -1 when it is not within the first <paramref name="length"/> bytes yet; the scan starts at <paramref name="from"/>.
    /// </summary>
    internal static int EndOfHeaders(byte[] bytes, int from, int length)
    {
        if (from == 0 && length > 0 && (bytes[0] == (byte)'\n' || (bytes[0] == (byte)'\r' && length > 1 && bytes[1] == (byte)'\n')))
        {
            return 0;
        }

        for (var i = from; i < length; i++)
        {
            if (bytes[i] != (byte)'\n')
            {
                continue;
            }

            if (i + 1 < length && bytes[i + 1] == (byte)'\n')
            {
                return i + 1;
            }

            if (i + 2 < length && bytes[i + 1] == (byte)'\r' && bytes[i + 2] == (byte)'\n')
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>The start of the field after the one starting at <paramref name="start"/> (its continuation lines included).</summary>
    private static int NextField(byte[] bytes, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var lineEnd = Array.IndexOf(bytes, (byte)'\n', i, end - i);
            if (lineEnd < 0)
            {
                return end;
            }

            i = lineEnd + 1;
            if (i >= end || (bytes[i] != (byte)' ' && bytes[i] != (byte)'\t'))
            {
                return i;
            }
        }

        return end;
    }

    private static string NameOf(byte[] bytes, int start, int end)
    {
        var colon = Array.IndexOf(bytes, (byte)':', start, end - start);
        return colon < 0 ? string.Empty : Encoding.ASCII.GetString(bytes, start, colon - start).Trim();
    }

    private static byte[] LineBreakOf(byte[] bytes, int length)
    {
        var first = Array.IndexOf(bytes, (byte)'\n', 0, length);
        return first > 0 && bytes[first - 1] == (byte)'\r' ? _crlf : _lf;
    }
}
