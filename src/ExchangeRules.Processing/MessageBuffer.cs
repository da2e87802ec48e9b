using System;
using System.IO;
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
            return _pool.GetStream("message");
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
            return _pool.GetStream("message (spool failed)");
        }
    }
}
