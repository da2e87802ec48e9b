using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Processing.Transport;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// A mail item held in memory, with the primitives Exchange gives an agent and Exchange's rules for them: recipients
/// can be added only while <see cref="CanAddRecipients"/>, after Defer or Delete the item can no longer be used, a
/// fork records the clone's recipients and the content at that moment, headers are edited in place without
/// rewriting the body. Used by the harness's processor transport and by <c>exrules apply</c>.
/// </summary>
public sealed class InMemoryTransportItem : ITransportItem
{
    private readonly List<string> _recipients;

    // What Recipients hands out: a copy taken once per change rather than on every read (the handler reads the
    // recipients several times per event), never changed afterwards, so a caller's earlier list stays as it was.
    private IReadOnlyList<string>? _recipientsSnapshot;
    private readonly List<(IReadOnlyList<string> Recipients, byte[] Content)> _forks = new();
    private byte[]? _systemMessageOf;
    private bool _isSystemMessage;

    /// <summary>Creates the item.</summary>
    public InMemoryTransportItem(string sender, IEnumerable<string> recipients, byte[] content, SubmissionAuthentication? authentication = null)
    {
        Sender = sender ?? throw new ArgumentNullException(nameof(sender));
        _recipients = (recipients ?? throw new ArgumentNullException(nameof(recipients))).ToList();
        Content = content ?? throw new ArgumentNullException(nameof(content));
        Authentication = authentication;
    }

    /// <inheritdoc />
    public string Sender { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Recipients
    {
        get
        {
            ThrowIfClosed();
            return _recipientsSnapshot ??= _recipients.ToArray();
        }
    }

    /// <summary>The current content.</summary>
    public byte[] Content { get; private set; }

    /// <summary>
    /// Whether Exchange would report the current content as a system message, decided as the harness's categorizer
    /// decides it for the real agent (<see cref="ExchangeMessageView.IsSystemMessage"/>), so a preview skips what a
    /// server skips.
    /// </summary>
    public bool IsSystemMessage
    {
        get
        {
            var content = Content;
            if (!ReferenceEquals(content, _systemMessageOf))
            {
                _isSystemMessage = ExchangeMessageView.IsSystemMessage(content);
                _systemMessageOf = content;
            }

            return _isSystemMessage;
        }
    }

    /// <inheritdoc />
    public bool CanAddRecipients { get; set; }

    /// <inheritdoc />
    public SubmissionAuthentication? Authentication { get; }

    /// <summary>Why the item was deferred, or <see langword="null"/>.</summary>
    public string? Deferred { get; private set; }

    /// <summary>Why the item was deleted, or <see langword="null"/>.</summary>
    public string? Deleted { get; private set; }

    /// <summary>Why every recipient was failed with a non-delivery report, or <see langword="null"/>.</summary>
    public string? Rejected { get; private set; }

    /// <inheritdoc />
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Fault injection: <see cref="WriteContent"/> fails after this many bytes (the partial content is kept, as a closed stream would commit it).</summary>
    public long? FailWritesAfterBytes { get; init; }

    /// <summary>The clones forked off since the last call: their recipients and the content at the time of the fork.</summary>
    public IReadOnlyList<(IReadOnlyList<string> Recipients, byte[] Content)> TakeForks()
    {
        var forks = _forks.ToList();
        _forks.Clear();
        return forks;
    }

    /// <summary>Replaces the recipients (the categorizer's group expansion).</summary>
    public void ReplaceRecipients(IEnumerable<string> recipients)
    {
        ThrowIfClosed();
        _recipientsSnapshot = null;
        _recipients.Clear();
        _recipients.AddRange(recipients);
    }

    /// <inheritdoc />
    public Stream? OpenContent()
    {
        ThrowIfClosed();
        return new MemoryStream(Content, writable: false);
    }

    /// <inheritdoc />
    public void WriteContent(Stream content)
    {
        ThrowIfClosed();
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        content.Position = 0;
        if (FailWritesAfterBytes is { } limit && content.Length > limit)
        {
            var partial = new byte[limit];
            var read = 0;
            while (read < partial.Length)
            {
                var count = content.Read(partial, read, partial.Length - read);
                if (count == 0)
                {
                    break;
                }

                read += count;
            }

            Content = partial;
            throw new IOException($"Injected write failure after {limit} bytes.");
        }

        Content = ContentsOf(content);
    }

    /// <inheritdoc />
    public void SetHeader(string name, string? value)
    {
        ThrowIfClosed();
        using var source = new MemoryStream(Content, writable: false);
        var add = value is null ? Array.Empty<KeyValuePair<string, string>>() : new[] { new KeyValuePair<string, string>(name, value) };
        using var edited = TopLevelHeaders.Edit(source, field => string.Equals(field, name, StringComparison.OrdinalIgnoreCase), add);
        Content = ContentsOf(edited);
    }

    /// <inheritdoc />
    public void Fork(IReadOnlyList<string> stay)
    {
        ThrowIfClosed();
        var keep = _recipients.Where(r => stay.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        var rest = _recipients.Where(r => !keep.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        if (rest.Count == 0)
        {
            return;
        }

        _forks.Add((rest, Content));
        _recipientsSnapshot = null;
        _recipients.Clear();
        _recipients.AddRange(keep);
    }

    /// <inheritdoc />
    public void Defer(TimeSpan retryAfter, string reason)
    {
        ThrowIfClosed();
        Deferred = $"deferred for {retryAfter.TotalSeconds:0} s: {reason}";
    }

    /// <inheritdoc />
    public void Delete(string reason)
    {
        ThrowIfClosed();
        Deleted = "deleted: " + reason;
    }

    /// <inheritdoc />
    public void Reject(string reason)
    {
        ThrowIfClosed();
        Rejected = "rejected with a non-delivery report (550 5.3.0): " + reason;
        _recipientsSnapshot = null;
        _recipients.Clear();
    }

    /// <inheritdoc />
    public void AddRecipient(string address)
    {
        ThrowIfClosed();
        if (!CanAddRecipients)
        {
            throw new NotSupportedException("Recipients can be added only in OnSubmittedMessage.");
        }

        _recipientsSnapshot = null;
        _recipients.Add(address);
    }

    /// <inheritdoc />
    public void RemoveRecipient(string address)
    {
        ThrowIfClosed();
        _recipientsSnapshot = null;
        _recipients.RemoveAll(r => string.Equals(r, address, StringComparison.OrdinalIgnoreCase));
    }

    private void ThrowIfClosed()
    {
        if (Deferred is not null || Deleted is not null)
        {
            throw new InvalidOperationException("MailItemDeferred: the mail item can no longer be used.");
        }
    }

    /// <summary>Every byte of the stream: the buffer itself for an exactly-sized in-memory stream, else a copy.</summary>
    private static byte[] ContentsOf(Stream stream)
    {
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var buffer) && buffer.Offset == 0 && buffer.Count == buffer.Array!.Length)
        {
            return buffer.Array;
        }

        var bytes = new byte[stream.Length];
        stream.Position = 0;
        var read = 0;
        while (read < bytes.Length)
        {
            var count = stream.Read(bytes, read, bytes.Length - read);
            if (count == 0)
            {
                throw new EndOfStreamException($"The content ended after {read} of its {bytes.Length} bytes.");
            }

            read += count;
        }

        return bytes;
    }
}
