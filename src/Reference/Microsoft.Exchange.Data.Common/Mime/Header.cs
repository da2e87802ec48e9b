namespace Microsoft.Exchange.Data.Mime;

/// <summary>One header field of a MIME part.</summary>
public abstract class Header : MimeNode
{
    /// <summary>Creates a header named <paramref name="name"/>.</summary>
    internal Header(string name)
    {
        Name = name;
    }

    /// <summary>The header name.</summary>
    public string Name { get; }

    /// <summary>The decoded header value.</summary>
    public abstract string Value { get; set; }
}
