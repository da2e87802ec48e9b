using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Transport;
using Microsoft.Exchange.Data.Mime;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Email;
using MimeKit;
using Header = Microsoft.Exchange.Data.Mime.Header;
using HeaderList = Microsoft.Exchange.Data.Mime.HeaderList;
using MimePart = Microsoft.Exchange.Data.Mime.MimePart;

namespace ExchangeRules.Harness.Exchange;

/// <summary>
/// A mail item in the harness categorizer. As in Exchange: read and write streams are refused while a write
/// stream is open, the content changes when the write stream is closed, and after Defer or Delete every
/// member throws. <see cref="Message"/> is one document per content version: headers an agent adds to or
/// removes from <c>Message.RootPart.Headers</c> are in the content whenever it is read next (the body is not rewritten, and
/// any number of changes costs one rewrite of the header block).
/// </summary>
#pragma warning disable CA1001 // The write stream belongs to the agent that asked for it; the item only watches whether it was closed.
internal sealed class HarnessMailItem : MailItem
#pragma warning restore CA1001
{
    private byte[] _mime;
    private RoutingAddress _from;
    private MimeWriteStream? _writeStream;
    private byte[]? _mimeBeforeWrite;
    private EmailMessage? _message;
    // Header changes through the document not yet written into the content (FlushHeaderChanges).
    private readonly List<AddedHeader> _addedHeaders = new();
    private readonly Dictionary<Header, AddedHeader> _pendingAdds = new();
    private readonly HashSet<Header> _removedHeaders = new();

    // The exposed fields of the content's header block, in order, as the document's header objects, and as a set.
    private List<Header> _rootHeaders = new();
    private HashSet<Header> _contentHeaders = new();

    public HarnessMailItem(OrganizationModel organization, string sender, IEnumerable<string> recipients, byte[] mime)
    {
        _mime = mime;
        _from = string.IsNullOrEmpty(sender) ? RoutingAddress.NullReversePath : new RoutingAddress(sender);
        RecipientList = new HarnessRecipientCollection(this, organization, recipients);
        DateTimeReceived = DateTime.UtcNow;
        OriginatingDomain = organization.Server;
    }

    public HarnessRecipientCollection RecipientList { get; }

    public string? ClosedBy { get; private set; }

    public byte[] Content => Mime;

    /// <summary>How many times header changes made through <c>Message.RootPart.Headers</c> were written into the content.</summary>
    internal int HeaderBlockRewrites { get; private set; }

    public bool WriteStreamOpen => _writeStream is { IsOpen: true };

    /// <summary>Fault injection: write streams throw an IOException after this many bytes.</summary>
    public long? FailWritesAfterBytes { get; init; }

    private List<string> WriteFailures { get; } = new();

    /// <summary>The write failures injected since the last call.</summary>
    public IReadOnlyList<string> TakeWriteFailures()
    {
        var failures = WriteFailures.ToList();
        WriteFailures.Clear();
        return failures;
    }

    public override string OriginalAuthenticator { get; set; } = string.Empty;

    public override DateTime DateTimeReceived { get; }

    public override string EnvelopeId { get; set; } = string.Empty;

    public override RoutingAddress FromAddress
    {
        get
        {
            ThrowIfClosed();
            return _from;
        }

        set
        {
            ThrowIfClosed();
            _from = value;
        }
    }

    public override string OriginatingDomain { get; }

    public override EmailMessage Message
    {
        get
        {
            ThrowIfClosed();
            return _message ??= Parse();
        }
    }

    public override long MimeStreamLength => Mime.LongLength;

    /// <summary>The content, with the header changes made through the document written into it.</summary>
    private byte[] Mime
    {
        get
        {
            FlushHeaderChanges();
            return _mime;
        }
    }

    public override IDictionary<string, object> Properties { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    public override EnvelopeRecipientCollection Recipients
    {
        get
        {
            ThrowIfClosed();
            return RecipientList;
        }
    }

    public override DsnFormatRequested DsnFormatRequested { get; set; }

    public override DeliveryPriority DeliveryPriority { get; set; } = DeliveryPriority.Normal;

    public override DeliveryMethod InboundDeliveryMethod => DeliveryMethod.Smtp;

    public override bool MustDeliver => false;

    public override Guid TenantId => Guid.Empty;

    public override string OriginatorOrganization { get; set; } = string.Empty;

    public override void SetMustDeliver()
    {
        ThrowIfClosed();
    }

    public override Stream GetMimeReadStream()
    {
        ThrowIfClosed();
        ThrowIfWriting();
        return new MemoryStream(Mime, writable: false);
    }

    public override Stream GetMimeWriteStream()
    {
        ThrowIfClosed();
        ThrowIfWriting();
        _mimeBeforeWrite = Mime;
        _writeStream = new MimeWriteStream(
            bytes =>
            {
                _mime = bytes;
                NewDocument();
            },
            FailWritesAfterBytes,
            WriteFailures.Add);
        return _writeStream;
    }

    /// <summary>Exchange's AgentDidNotCloseMimeStream handling: restore the last saved MIME and clear the recipients.</summary>
    public void RestoreAfterUnclosedWriteStream()
    {
        _writeStream?.Abandon();
        _writeStream = null;
        _mime = _mimeBeforeWrite ?? _mime;
        NewDocument();
        RecipientList.Replace(Array.Empty<EnvelopeRecipient>());
    }

    public void Close(string reason) => ClosedBy = reason;

    public void ReplaceContent(byte[] mime)
    {
        _mime = mime;
        NewDocument();
    }

    public void ThrowIfClosed()
    {
        if (ClosedBy is not null)
        {
            throw new InvalidOperationException($"MailItemDeferred: the mail item can no longer be used ({ClosedBy}).");
        }
    }

    /// <summary>The content was replaced: the next <see cref="Message"/> is a new document, and changes to the old one are dropped, as the old document is.</summary>
    private void NewDocument()
    {
        _message = null;
        _addedHeaders.Clear();
        _pendingAdds.Clear();
        _removedHeaders.Clear();
        _rootHeaders = new List<Header>();
        _contentHeaders = new HashSet<Header>();
    }

    private EmailMessage Parse()
    {
        using var stream = new MemoryStream(_mime, writable: false);
        // Disposed: MimeKit's messages are finalizable, and the headers read here stay valid without the body.
        using var parsed = MimeMessage.Load(stream);
        var message = EmailMessage.Create(BodyFormat.Text);
        message.Subject = parsed.Subject;
        message.MessageId = parsed.MessageId;
        var from = parsed.From.Mailboxes.FirstOrDefault();
        if (from is not null)
        {
            message.From = new EmailRecipient(from.Name, from.Address);
        }
        message.IsSystemMessage = ExchangeMessageView.IsSystemMessage(_mime);
        message.RootPart = RootPart(parsed.Headers);
        return message;
    }

    private MimePart RootPart(MimeKit.HeaderList tolerant)
    {
        // Exchange exposes the headers of any message it accepted, and only lines that are header fields
        // (ExchangeMessageView, shared with the in-process pipeline); a header block MimeKit's header-list reader
        // rejects is exposed as far as MimeKit's message parser read it.
        IEnumerable<MimeKit.Header> source;
        try
        {
            source = ExchangeMessageView.ExposedHeaders(_mime);
        }
        catch (FormatException)
        {
            source = tolerant.Where(ExchangeMessageView.IsExposed);
        }

        var headers = new HeaderList();
        _rootHeaders = new List<Header>();
        foreach (var header in source)
        {
            var exchangeHeader = new TextHeader(header.Field, header.Value);
            headers.Load(exchangeHeader);
            _rootHeaders.Add(exchangeHeader);
            _contentHeaders.Add(exchangeHeader);
        }

        headers.ChildChanged = (node, added) => OnRootHeaderChanged((Header)node, added);
        return new MimePart(headers);
    }

    private void OnRootHeaderChanged(Header header, bool added)
    {
        // Recorded here, written into the content once, when the content is next read (FlushHeaderChanges): a
        // RemoveAll over thousands of fields of one name costs one rewrite of the header block, not one per field.
        if (added)
        {
            var add = new AddedHeader(header);
            _addedHeaders.Add(add);
            _pendingAdds[header] = add;
        }
        else if (_pendingAdds.TryGetValue(header, out var add))
        {
            add.Removed = true;
            _pendingAdds.Remove(header);
        }
        else if (_contentHeaders.Remove(header))
        {
            _removedHeaders.Add(header);
        }
    }

    /// <summary>
    /// Writes the header changes recorded since the content was last read into the content, in one pass over the
    /// header block: the exposed fields still in the document keep their lines (and the lines that are not exposed
    /// stay where they are), the fields appended since follow at the end, in order.
    /// </summary>
    private void FlushHeaderChanges()
    {
        if (_addedHeaders.Count == 0 && _removedHeaders.Count == 0)
        {
            return;
        }

        var added = _addedHeaders.Where(a => !a.Removed).ToList();
        _mime = HeaderBlock.Edit(_mime, all =>
        {
            var kept = new List<MimeKit.Header>(all.Count + added.Count);
            var exposed = 0;
            foreach (var line in all)
            {
                if (!ExchangeMessageView.IsExposed(line) || exposed >= _rootHeaders.Count || !_removedHeaders.Contains(_rootHeaders[exposed++]))
                {
                    kept.Add(line);
                }
            }

            // Clear and add: MimeKit's RemoveAt rescans the list for the next field of the same name, once per removal.
            all.Clear();
            foreach (var line in kept)
            {
                all.Add(line);
            }

            foreach (var add in added)
            {
                all.Add(add.Name, add.Value);
            }
        });
        _rootHeaders = _rootHeaders.Where(h => !_removedHeaders.Contains(h)).Concat(added.Select(a => a.Header)).ToList();
        _contentHeaders = new HashSet<Header>(_rootHeaders);
        _addedHeaders.Clear();
        _pendingAdds.Clear();
        _removedHeaders.Clear();
        HeaderBlockRewrites++;
    }

    private void ThrowIfWriting()
    {
        if (WriteStreamOpen)
        {
            throw new InvalidOperationException("A MIME write stream is open on this mail item; close it first.");
        }
    }

    /// <summary>A header appended through the document, with its name and value when appended (as before: one edit per call).</summary>
    private sealed class AddedHeader
    {
        public AddedHeader(Header header)
        {
            Header = header;
            Name = header.Name;
            Value = header.Value;
        }

        public Header Header { get; }

        public string Name { get; }

        public string Value { get; }

        /// <summary>Removed again before the content was read: never written.</summary>
        public bool Removed { get; set; }
    }

    private sealed class MimeWriteStream : MemoryStream
    {
        private readonly Action<byte[]> _commit;
        private readonly long? _failAfter;
        private readonly Action<string> _failed;
        private bool _abandoned;

        public MimeWriteStream(Action<byte[]> commit, long? failAfter, Action<string> failed)
        {
            _commit = commit;
            _failAfter = failAfter;
            _failed = failed;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_failAfter is { } limit && Length + count > limit)
            {
                // What fits is written, the rest fails: closing the stream then commits a truncated message, as a
                // storage error half way would (no source says Exchange discards a partial write on close).
                var fits = (int)Math.Max(0, limit - Length);
                base.Write(buffer, offset, fits);
                _failed($"the MIME write stream failed after {Length} bytes (injected IOException); closing it commits what was written");
                throw new IOException($"Injected write failure after {Length} bytes.");
            }

            base.Write(buffer, offset, count);
        }

        public bool IsOpen { get; private set; } = true;

        public void Abandon() => _abandoned = true;

        protected override void Dispose(bool disposing)
        {
            if (IsOpen && !_abandoned)
            {
                _commit(ToArray());
            }

            IsOpen = false;
            base.Dispose(disposing);
        }
    }
}
