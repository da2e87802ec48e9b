using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Email;

namespace ExchangeRules.Agent.Tests.Support;

/// <summary>
/// A mail item that behaves like Exchange's: the write stream replaces the content when closed, the streams
/// cannot be opened while a write stream is open, and every step is recorded in <see cref="Calls"/>.
/// </summary>
internal sealed class FakeMailItem : MailItem
{
    private readonly List<string> _calls;
    private bool _writeOpen;

    internal FakeMailItem(byte[] content, FakeRecipientCollection recipients, List<string> calls)
    {
        Content = content;
        Recipients = recipients;
        _calls = calls;
        Message = EmailMessage.Create();
    }

    internal byte[] Content { get; private set; }

    internal bool WriteStreamOpen => _writeOpen;

    public override string OriginalAuthenticator { get; set; } = string.Empty;

    public override DateTime DateTimeReceived => new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    public override string EnvelopeId { get; set; } = string.Empty;

    public override RoutingAddress FromAddress { get; set; } = new("alice@contoso.com");

    public override string OriginatingDomain => "mbx01.contoso.local";

    public override EmailMessage Message { get; }

    public override long MimeStreamLength => Content.Length;

    public override IDictionary<string, object> Properties { get; } = new Dictionary<string, object>();

    public override EnvelopeRecipientCollection Recipients { get; }

    public override DsnFormatRequested DsnFormatRequested { get; set; }

    public override DeliveryPriority DeliveryPriority { get; set; }

    public override DeliveryMethod InboundDeliveryMethod => DeliveryMethod.Mailbox;

    public override bool MustDeliver => false;

    public override Guid TenantId => Guid.Empty;

    public override string OriginatorOrganization { get; set; } = string.Empty;

    public override void SetMustDeliver()
    {
    }

    public override Stream GetMimeReadStream()
    {
        ThrowIfWriting();
        _calls.Add("read");
        return new MemoryStream(Content, writable: false);
    }

    public override Stream GetMimeWriteStream()
    {
        ThrowIfWriting();
        _calls.Add("write-open");
        _writeOpen = true;
        return new CommitOnCloseStream(bytes =>
        {
            Content = bytes;
            _writeOpen = false;
            _calls.Add("write-closed");
        });
    }

    private void ThrowIfWriting()
    {
        if (_writeOpen)
        {
            throw new InvalidOperationException("A MIME write stream is open.");
        }
    }

    private sealed class CommitOnCloseStream : MemoryStream
    {
        private readonly Action<byte[]> _commit;
        private bool _committed;

        internal CommitOnCloseStream(Action<byte[]> commit)
        {
            _commit = commit;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_committed)
            {
                _committed = true;
                _commit(ToArray());
            }

            base.Dispose(disposing);
        }
    }
}
