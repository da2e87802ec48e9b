using System;
using System.Buffers;
using System.IO;
using System.Threading;
using MimeKit;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// The parsed top-level header block of one mail item, kept across its events (<see cref="TransportSession"/>): the
/// handler reads the same message at OnSubmittedMessage and OnResolvedMessage, and parsing its header block twice was
/// a visible part of the agent path (docs/performance.md, target 5). Nothing is assumed about Exchange here: no API
/// tells whether an item's content changed between events (another agent may have written it, and Exchange does not
/// document whether an event hands the same <c>MailItem</c> object twice), so the cache is keyed on the header
/// block's bytes themselves: each event reads the block (up to the blank line that ends it) and compares it with the
/// bytes the kept parse came from; equal bytes parse to the same headers, anything else is parsed again.
/// </summary>
/// <threadsafety>Safe for concurrent use: the kept block and its parse are one immutable entry, replaced as a whole.</threadsafety>
internal sealed class HeaderBlockCache
{
    /// <summary>Header blocks longer than this are parsed every time rather than kept (bounded memory per item).</summary>
    internal const int MaxBlockBytes = 64 * 1024;

    private Entry? _kept;
    private int _parses;

    /// <summary>How many times a header block was parsed (not taken from the cache); for tests.</summary>
    public int Parses => Volatile.Read(ref _parses);

    /// <summary>
    /// The headers of <paramref name="content"/>: the kept parse when its header block is byte for byte the one kept,
    /// otherwise <paramref name="parse"/>'s (kept when it succeeds and the block is not too long). The content's
    /// position is 0 afterwards.
    /// </summary>
    /// <param name="content">The message, seekable.</param>
    /// <param name="parse">Parses the header block of the whole content (positioned at 0); may throw.</param>
    public HeaderList Read(Stream content, Func<Stream, HeaderList> parse)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        if (parse is null)
        {
            throw new ArgumentNullException(nameof(parse));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(2 * TopLevelHeaders.ReadStep);
        try
        {
            content.Position = 0;
            var length = ReadBlock(content, ref buffer);
            content.Position = 0;
            var kept = Volatile.Read(ref _kept);
            if (length >= 0 && kept is not null && SameBytes(kept.Block, buffer, length))
            {
                return kept.Headers;
            }

            Interlocked.Increment(ref _parses);
            var headers = parse(content);
            if (length >= 0)
            {
                var block = new byte[length];
                Buffer.BlockCopy(buffer, 0, block, 0, length);
                Volatile.Write(ref _kept, new Entry(block, headers));
            }

            return headers;
        }
        finally
        {
            content.Position = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads the header block into <paramref name="buffer"/> (renting a larger one as needed): its length up to and
    /// including the line break before the blank line (the whole content when there is none), or -1 when it is longer
    /// than <see cref="MaxBlockBytes"/>.
    /// </summary>
    private static int ReadBlock(Stream content, ref byte[] buffer)
    {
        var end = TopLevelHeaders.ReadHeaderBlock(content, ref buffer, MaxBlockBytes, out var length);
        if (end < 0)
        {
            end = length;
        }

        return end <= MaxBlockBytes ? end : -1;
    }

    private static bool SameBytes(byte[] kept, byte[] buffer, int length) =>
        kept.Length == length && new ReadOnlySpan<byte>(kept).SequenceEqual(new ReadOnlySpan<byte>(buffer, 0, length));

    /// <summary>A header block's bytes and what they parsed to; never changed once made.</summary>
    private sealed class Entry
    {
        public Entry(byte[] block, HeaderList headers)
        {
            Block = block;
            Headers = headers;
        }

        public byte[] Block { get; }

        public HeaderList Headers { get; }
    }
}
