using System;
using System.IO;

namespace ExchangeRules.Processing;

/// <summary>
/// A seekable buffer for a whole message, used by the processor for an edited message and by the agent for the
/// message it reads from Exchange. Small messages go to a memory buffer sized up front (a growing buffer doubles and
/// would allocate several times the message); large ones go to a temporary file deleted when the buffer is
/// disposed, so their attachments never sit in the Transport service's memory.
/// </summary>
public static class MessageBuffer
{
    // Room for inserted blocks, so a buffer sized from the original rarely has to grow.
    private const int _headroom = 64 * 1024;
    private const int _fileBufferSize = 64 * 1024;

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
            return new MemoryStream((int)Math.Min(Math.Max(0, expectedLength) + _headroom, int.MaxValue));
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
            return new MemoryStream();
        }
    }
}
