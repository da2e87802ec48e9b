using System;
using System.Buffers;
using System.IO;
using System.Threading;
using ExchangeRules.Mime;
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
/// A block of the plain shape is read as an index of its fields from the bytes already read for the comparison
/// (<see cref="HeaderBlockIndex"/>, <see cref="TopLevelFields"/>); any other block is parsed by MimeKit as before.
/// </summary>
/// <threadsafety>Safe for concurrent use: the kept block and its parse are one immutable entry, replaced as a whole.</threadsafety>
internal sealed class HeaderBlockCache
{
    /// <summary>Header blocks longer than this are parsed every time rather than kept (bounded memory per item).</summary>
    internal const int MaxBlockBytes = 64 * 1024;

    private Entry? _kept;
    private int _parses;
    private int _mimeKitParses;

    /// <summary>How many times a header block was parsed (not taken from the cache); for tests.</summary>
    public int Parses => Volatile.Read(ref _parses);

    /// <summary>How many of those parses were MimeKit's (the index declined the block); for tests.</summary>
    public int MimeKitParses => Volatile.Read(ref _mimeKitParses);

    /// <summary>
    /// The top-level fields of <paramref name="content"/>: the kept reading when its header block is byte for byte the
    /// one kept, otherwise the block's index when it has the plain shape, otherwise <paramref name="parse"/>'s (kept
    /// when it succeeds and the block is not too long). The content's position is 0 afterwards.
    /// </summary>
    /// <param name="content">The message, seekable.</param>
    /// <param name="parse">Parses the header block of the whole content (positioned at 0); may throw.</param>
    public TopLevelFields Read(Stream content, Func<Stream, HeaderList> parse)
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
            var length = ReadBlock(content, ref buffer, out var read);
            content.Position = 0;
            var kept = Volatile.Read(ref _kept);
            if (length >= 0 && kept is not null && SameBytes(kept.Block, buffer, length))
            {
                return kept.Headers;
            }

            Interlocked.Increment(ref _parses);
            var headers = length >= 0 ? Index(buffer, read) : null;
            if (headers is null)
            {
                Interlocked.Increment(ref _mimeKitParses);
                headers = TopLevelFields.Of(parse(content));
            }

            if (length >= 0)
            {
                // An index holds the block's bytes already: they are the key, not a copy of them.
                byte[]? block = null;
                if (!headers.IsIndexed)
                {
                    block = new byte[length];
                    Buffer.BlockCopy(buffer, 0, block, 0, length);
                }

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
    private static int ReadBlock(Stream content, ref byte[] buffer, out int length)
    {
        var end = TopLevelHeaders.ReadHeaderBlock(content, ref buffer, MaxBlockBytes, out length);
        if (end < 0)
        {
            end = length;
        }

        return end <= MaxBlockBytes ? end : -1;
    }

    /// <summary>
    /// The index of the block in the first <paramref name="read"/> bytes of <paramref name="buffer"/> (the block and
    /// its empty line are within them), or <see langword="null"/> when the index declines it.
    /// </summary>
    private static TopLevelFields? Index(byte[] buffer, int read)
    {
        using var block = new MemoryStream(buffer, 0, read, writable: false);
        var index = HeaderBlockIndex.TryRead(block, read);
        return index is null ? null : TopLevelFields.Of(index);
    }

    private static bool SameBytes(ReadOnlySpan<byte> kept, byte[] buffer, int length) =>
        kept.Length == length && kept.SequenceEqual(new ReadOnlySpan<byte>(buffer, 0, length));

    /// <summary>A header block's bytes and what they parsed to; never changed once made.</summary>
    private sealed class Entry
    {
        private readonly byte[]? _block;

        /// <param name="block">The block's bytes; <see langword="null"/> when <paramref name="headers"/> is indexed and holds them.</param>
        /// <param name="headers">What the block was read as.</param>
        public Entry(byte[]? block, TopLevelFields headers)
        {
            _block = block;
            Headers = headers;
        }

        public ReadOnlySpan<byte> Block => _block is null ? Headers.IndexedBytes : _block;

        public TopLevelFields Headers { get; }
    }
}
