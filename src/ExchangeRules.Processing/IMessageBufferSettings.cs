namespace ExchangeRules.Processing;

/// <summary>
/// Where a host buffers a message it reads (the agent copies Exchange's read stream into a seekable buffer), so that
/// the configuration's <c>inMemoryEditLimitMB</c> and <c>spoolFolder</c> apply to it as they do to edited messages.
/// Implemented by the processors that have a configuration; hosts use defaults for any other processor.
/// </summary>
public interface IMessageBufferSettings
{
    /// <summary>Messages larger than this are buffered in a temporary file rather than in memory.</summary>
    long InMemoryLimitBytes { get; }

    /// <summary>The folder for the temporary files; <see langword="null"/> for the process's temporary folder.</summary>
    string? SpoolFolder { get; }
}
