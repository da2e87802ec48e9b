using System;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// One accepted domain of the organisation. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa579205(v=exchg.150).
/// </summary>
public abstract class AcceptedDomain
{
    /// <summary>Initializes the domain.</summary>
    protected AcceptedDomain()
    {
    }

    /// <summary>Whether the domain belongs to the server's Active Directory forest (authoritative or internal relay). See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa580909(v=exchg.150).</summary>
    public abstract bool IsInCorporation { get; }

    /// <summary>Whether the address book holds every recipient of the domain. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa580447(v=exchg.150).</summary>
    public abstract bool UseAddressBook { get; }

    /// <summary>The domain name or wildcard specification (for example <c>*.contoso.com</c>).</summary>
    public abstract string NameSpecification { get; }

    /// <summary>The tenant of the domain (empty on premises).</summary>
    public abstract Guid TenantId { get; }
}
