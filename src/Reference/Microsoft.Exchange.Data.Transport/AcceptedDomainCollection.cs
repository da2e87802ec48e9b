using System.Collections;
using System.Collections.Generic;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The organisation's accepted domains. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa580405(v=exchg.150).
/// </summary>
public abstract class AcceptedDomainCollection : IEnumerable<AcceptedDomain>
{
    /// <summary>Initializes the collection.</summary>
    protected AcceptedDomainCollection()
    {
    }

    /// <summary>Finds the accepted domain of <paramref name="smtpAddress"/>, or <see langword="null"/>.</summary>
    public AcceptedDomain Find(RoutingAddress smtpAddress) => Find(smtpAddress.DomainPart);

    /// <summary>Finds the accepted domain matching <paramref name="domainName"/> (wildcards honoured), or <see langword="null"/>.</summary>
    public abstract AcceptedDomain Find(string domainName);

    /// <summary>Returns an enumerator over the accepted domains.</summary>
    public abstract IEnumerator<AcceptedDomain> GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
