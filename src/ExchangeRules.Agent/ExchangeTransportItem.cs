using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;
using Microsoft.Exchange.Data.Mime;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using Microsoft.Exchange.Data.Transport.Smtp;
using Serilog;

namespace ExchangeRules.Agent;

/// <summary>
/// Exchange's mail item and event source as the primitives <see cref="TransportHandler"/> works with. Every member
/// is one documented call of Microsoft.Exchange.Data.Transport; nothing here decides anything.
/// </summary>
internal sealed class ExchangeTransportItem : ITransportItem
{
    private readonly QueuedMessageEventSource _source;
    private readonly MailItem _mailItem;
    private readonly long _inMemoryLimitBytes;
    private readonly string? _spoolFolder;
    private readonly ILogger _log;

    internal ExchangeTransportItem(QueuedMessageEventSource source, MailItem mailItem, long inMemoryLimitBytes, string? spoolFolder, ILogger log)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _mailItem = mailItem ?? throw new ArgumentNullException(nameof(mailItem));
        _inMemoryLimitBytes = inMemoryLimitBytes;
        _spoolFolder = spoolFolder;
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    public string Sender
    {
        get
        {
            RoutingAddress from = _mailItem.FromAddress;
            return from == RoutingAddress.NullReversePath ? string.Empty : from.ToString();
        }
    }

    public IReadOnlyList<string> Recipients =>
        _mailItem.Recipients is null ? Array.Empty<string>() : _mailItem.Recipients.Select(r => r.Address.ToString()).ToList();

    public bool IsSystemMessage => _mailItem.Message?.IsSystemMessage == true;

    // EnvelopeRecipientCollection.CanAdd: true in OnSubmittedMessage only (reference §4.6).
    public bool CanAddRecipients => _mailItem.Recipients?.CanAdd == true;

    // Inside Exchange the organisation headers after its header firewall are the truth.
    public SubmissionAuthentication? Authentication => null;

    /// <summary>
    /// A seekable copy of the MIME (memory up to the limit, a temporary file above), so Exchange's read stream is
    /// closed before anything is written.
    /// </summary>
    public Stream? OpenContent()
    {
        using Stream? read = _mailItem.GetMimeReadStream();
        if (read is null)
        {
            return null;
        }

        long length = _mailItem.MimeStreamLength;
        Stream buffer = MessageBuffer.Create(length, _inMemoryLimitBytes, _spoolFolder, out Exception? spoolFailure);
        if (spoolFailure is not null)
        {
            _log.Warning(spoolFailure, "Could not spool a message of {Bytes} bytes to a temporary file in {SpoolFolder}; reading it into memory instead", length, _spoolFolder ?? Path.GetTempPath());
        }

        try
        {
            read.CopyTo(buffer);
            buffer.Position = 0;
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies the complete content into <c>GetMimeWriteStream</c> and closes it before the event ends (an open write
    /// stream makes Exchange restore the old MIME and clear every recipient). When the copy fails the stream is
    /// still closed and the exception reaches the handler, which defers the item: Defer reverts the item to its
    /// original content (QueuedMessageEventSource.Defer, reference §1.5), so a truncated message is never delivered.
    /// </summary>
    public void WriteContent(Stream content)
    {
        content.Position = 0;
        using Stream write = _mailItem.GetMimeWriteStream();
        content.CopyTo(write);
    }

    public void SetHeader(string name, string? value)
    {
        HeaderList headers = _mailItem.Message?.RootPart?.Headers
            ?? throw new InvalidOperationException("Exchange exposes no headers for this message.");
        headers.RemoveAll(name);
        if (value is not null)
        {
            headers.AppendChild(new TextHeader(name, value));
        }
    }

    public void Fork(IReadOnlyList<string> stay)
    {
        var staying = new HashSet<string>(stay, StringComparer.OrdinalIgnoreCase);
        List<EnvelopeRecipient> kept = _mailItem.Recipients.Where(r => staying.Contains(r.Address.ToString())).ToList();
        _source.Fork(kept);
    }

    public void Defer(TimeSpan retryAfter, string reason) => _source.Defer(retryAfter, reason);

    public void Delete(string reason) => _source.Delete(reason);

    /// <summary>
    /// Fails every recipient with a non-delivery report to the sender (EnvelopeRecipientCollection.Remove with
    /// DsnType.Failure and an SmtpResponse): a fail-closed rule kept failing past its maximum deferral.
    /// </summary>
    public void Reject(string reason)
    {
        var response = new SmtpResponse("550", "5.3.0", reason);
        foreach (EnvelopeRecipient recipient in _mailItem.Recipients.ToList())
        {
            _mailItem.Recipients.Remove(recipient, DsnType.Failure, response);
        }
    }

    /// <summary>MailItem.DateTimeReceived, taken as UTC: when the organisation accepted the message (kept across deferrals, an assumption docs/architecture.md lists).</summary>
    public DateTimeOffset? ReceivedAt => new DateTimeOffset(DateTime.SpecifyKind(_mailItem.DateTimeReceived, DateTimeKind.Utc));

    public void AddRecipient(string address)
    {
        var routingAddress = new RoutingAddress(address);
        if (!routingAddress.IsValid || routingAddress == RoutingAddress.NullReversePath)
        {
            throw new ArgumentException($"'{address}' is not a valid SMTP address.", nameof(address));
        }

        _mailItem.Recipients.Add(routingAddress);
    }

    public void RemoveRecipient(string address) => _mailItem.Recipients.Remove(new RoutingAddress(address));
}
