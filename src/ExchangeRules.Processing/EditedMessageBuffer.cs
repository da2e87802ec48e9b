using System;
using System.IO;
using ExchangeRules.Processing.Logging;
using Serilog;

namespace ExchangeRules.Processing;

/// <summary>
/// Where the editor writes an edited message. Small messages go to a memory buffer sized up front (a growing
/// buffer doubles and would allocate several times the message); large ones go to a temporary file that is
/// deleted when the host disposes the result, so their attachments never sit in memory.
/// </summary>
internal static class EditedMessageBuffer
{
    // Room for the inserted blocks, so the buffer sized from the original rarely has to grow.
    private const int _headroom = 64 * 1024;
    private const int _fileBufferSize = 64 * 1024;

    /// <summary>A writable, readable, seekable stream for an edited message of about <paramref name="originalLength"/> bytes.</summary>
    public static Stream Create(long originalLength, ProcessingOptions options, ILogger logger)
    {
        if (originalLength <= options.InMemoryEditLimitBytes)
        {
            return new MemoryStream((int)Math.Min(Math.Max(0, originalLength) + _headroom, int.MaxValue));
        }

        var folder = string.IsNullOrWhiteSpace(options.SpoolFolder) ? Path.GetTempPath() : options.SpoolFolder!;
        var path = Path.Combine(folder, "exr-" + Guid.NewGuid().ToString("N") + ".eml");
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, _fileBufferSize, FileOptions.DeleteOnClose | FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Mail must still flow: a full or unwritable spool folder costs memory, not the message.
            logger.Safely(log => log.ForEvent(LogEventId.SpoolUnavailable).Warning(
                exception, "Could not spool an edited message of {Bytes} bytes to {SpoolFolder}; it is built in memory instead", originalLength, folder));
            return new MemoryStream();
        }
    }
}
