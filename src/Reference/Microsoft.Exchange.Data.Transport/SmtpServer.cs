using System;
using Microsoft.Exchange.Data.Transport.Email;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The server an agent runs on: its name, accepted and remote domains and address book.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa494056(v=exchg.150).
/// </summary>
public abstract class SmtpServer
{
    /// <summary>Created by the transport runtime only.</summary>
    internal SmtpServer()
    {
    }

    /// <summary>The fully qualified domain name of the server.</summary>
    public abstract string Name { get; }

    /// <summary>The version of the server.</summary>
    public abstract Version Version { get; }

    /// <summary>The organisation's recipients. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa565704(v=exchg.150).</summary>
    public abstract AddressBook AddressBook { get; }

    /// <summary>The organisation's accepted domains. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa580405(v=exchg.150).</summary>
    public abstract AcceptedDomainCollection AcceptedDomains { get; }

    /// <summary>The organisation's remote domains.</summary>
    public abstract RemoteDomainCollection RemoteDomains { get; }

    /// <summary>Submits a new message into transport.</summary>
    public abstract void SubmitMessage(EmailMessage message);
}
