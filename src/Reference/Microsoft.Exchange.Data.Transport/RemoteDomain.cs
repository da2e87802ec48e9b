namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// One remote domain of the organisation. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa494056(v=exchg.150).
/// </summary>
public abstract class RemoteDomain
{
    /// <summary>Initializes the domain.</summary>
    protected RemoteDomain()
    {
    }

    /// <summary>The domain name or wildcard specification.</summary>
    public abstract string NameSpecification { get; }

    /// <summary>The charset for messages without MIME charset information.</summary>
    public abstract string NonMimeCharset { get; }

    /// <summary>Whether the remote domain is treated as internal (for example the other side of a hybrid).</summary>
    public abstract bool IsInternal { get; }
}
