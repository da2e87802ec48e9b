using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Exchange.Data.Transport.Email;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// A message in transport: envelope, recipients and MIME content. Every member throws after the item was
/// deferred or deleted; while a MIME write stream is open, the MIME streams cannot be opened again.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa567036(v=exchg.150).
/// </summary>
public abstract class MailItem
{
    /// <summary>Created by the transport runtime only.</summary>
    internal MailItem()
    {
    }

    /// <summary>The authenticator of the originating session.</summary>
    public abstract string OriginalAuthenticator { get; set; }

    /// <summary>When the message was received.</summary>
    public abstract DateTime DateTimeReceived { get; }

    /// <summary>The envelope id (ENVID) of the message.</summary>
    public abstract string EnvelopeId { get; set; }

    /// <summary>The envelope sender (MAIL FROM).</summary>
    public abstract RoutingAddress FromAddress { get; set; }

    /// <summary>The HELO/EHLO domain of the session that submitted the message.</summary>
    public abstract string OriginatingDomain { get; }

    /// <summary>The parsed message, or <see langword="null"/> when the content is not exposed.</summary>
    public abstract EmailMessage Message { get; }

    /// <summary>The length of the MIME content in bytes.</summary>
    public abstract long MimeStreamLength { get; }

    /// <summary>Extended properties persisted with the mail item (simple serialisable types only).</summary>
    public abstract IDictionary<string, object> Properties { get; }

    /// <summary>The envelope recipients. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa579340(v=exchg.150).</summary>
    public abstract EnvelopeRecipientCollection Recipients { get; }

    /// <summary>The DSN format (RET) requested.</summary>
    public abstract DsnFormatRequested DsnFormatRequested { get; set; }

    /// <summary>The delivery priority.</summary>
    public abstract DeliveryPriority DeliveryPriority { get; set; }

    /// <summary>How the message was received.</summary>
    public abstract DeliveryMethod InboundDeliveryMethod { get; }

    /// <summary>Whether the message must be delivered even if it is over limits.</summary>
    public abstract bool MustDeliver { get; }

    /// <summary>The tenant of the message (empty on premises).</summary>
    public abstract Guid TenantId { get; }

    /// <summary>The organisation that originated the message.</summary>
    public abstract string OriginatorOrganization { get; set; }

    /// <summary>Marks the message as one that must be delivered.</summary>
    public abstract void SetMustDeliver();

    /// <summary>Opens the MIME content for reading. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa565909(v=exchg.150).</summary>
    public abstract Stream GetMimeReadStream();

    /// <summary>
    /// Opens a stream that replaces the MIME content; close it before the handler returns, otherwise the old
    /// content is restored and all recipients are cleared. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa566818(v=exchg.150).
    /// </summary>
    public abstract Stream GetMimeWriteStream();
}
