using System;
using System.IO;
using System.Threading;
using Microsoft.IO;

namespace ExchangeRules.Processing;

/// <summary>
/// A seekable buffer for a whole message, used by the processor for an edited message and by the agent for the
/// message it reads from Exchange. Small messages go to pooled memory blocks (a plain buffer would be a new
/// large-object-heap array per message, and a growing one doubles); large ones go to a temporary file deleted
/// when the buffer is disposed, so their attachments never sit in the Transport service's memory. Dispose the
/// stream to return its blocks to the pool.
/// </summary>
public static class MessageBuffer
{
    private const int _fileBufferSize = 64 * 1024;

    // Bounded so an idle agent gives memory back: blocks beyond these sizes are released to the GC, not kept.
    private static readonly RecyclableMemoryStreamManager _pool = new(new RecyclableMemoryStreamManager.Options
    {
        BlockSize = 128 * 1024,
        LargeBufferMultiple = 1024 * 1024,
        MaximumBufferSize = 16 * 1024 * 1024,
        MaximumSmallPoolFreeBytes = 64L * 1024 * 1024,
        MaximumLargePoolFreeBytes = 64L * 1024 * 1024,
    });

    // Every pooled stream carries an id for the pool's diagnostics events. The pool's own default is Guid.NewGuid(),
    // which on Linux reads the kernel's random source once per message (about 2 % of stamping a 40 KB reply); a
    // process-wide sequence is as unique within the process, which is all the events need.
    private static readonly int _processTag = Guid.NewGuid().GetHashCode();
    private static long _nextStreamId;

    /// <summary>A writable, readable, seekable stream for a message of about <paramref name="expectedLength"/> bytes.</summary>
    /// <param name="expectedLength">The expected size in bytes (0 or less when unknown).</param>
    /// <param name="inMemoryLimitBytes">Larger messages are spooled to a temporary file.</param>
    /// <param name="spoolFolder">Where temporary files go; <see langword="null"/> for the process's temporary folder.</param>
    /// <param name="spoolFailure">Why the message could not be spooled (it is then buffered in memory); <see langword="null"/> otherwise.</param>
    public static Stream Create(long expectedLength, long inMemoryLimitBytes, string? spoolFolder, out Exception? spoolFailure)
    {
        spoolFailure = null;
        if (expectedLength <= inMemoryLimitBytes)
        {
            return _pool.GetStream(NextStreamId(), "message");
        }

        var folder = string.IsNullOrWhiteSpace(spoolFolder) ? Path.GetTempPath() : spoolFolder!;
        try
        {
            var path = Path.Combine(folder, "exr-" + Guid.NewGuid().ToString("N") + ".eml");
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, _fileBufferSize, FileOptions.DeleteOnClose | FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Mail must still flow: a full or unwritable spool folder costs memory, not the message.
            spoolFailure = exception;
            return _pool.GetStream(NextStreamId(), "message (spool failed)");
        }
    }

    /// <summary>A stream id unique within the process: a tag drawn once at random, and a sequence number.</summary>
    private static Guid NextStreamId()
    {
        var sequence = Interlocked.Increment(ref _nextStreamId);
        return new Guid(
            _processTag,
            (short)(sequence >> 48),
            (short)(sequence >> 32),
            (byte)(sequence >> 24),
            (byte)(sequence >> 16),
            (byte)(sequence >> 8),
            (byte)sequence,
            0,
            0,
            0,
            0);
    }
}
