using System.Collections;
using System.Collections.Generic;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The organisation's remote domains. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa494056(v=exchg.150).
/// </summary>
public abstract class RemoteDomainCollection : IEnumerable<RemoteDomain>
{
    /// <summary>Initializes the collection.</summary>
    protected RemoteDomainCollection()
    {
    }

    /// <summary>Finds the remote domain of <paramref name="smtpAddress"/>, or <see langword="null"/>.</summary>
    public RemoteDomain Find(RoutingAddress smtpAddress) => Find(smtpAddress.DomainPart);

    /// <summary>Finds the remote domain matching <paramref name="domainName"/>, or <see langword="null"/>.</summary>
    public abstract RemoteDomain Find(string domainName);

    /// <summary>Returns an enumerator over the remote domains.</summary>
    public abstract IEnumerator<RemoteDomain> GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
