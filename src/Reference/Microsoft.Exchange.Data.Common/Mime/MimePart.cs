namespace Microsoft.Exchange.Data.Mime;

/// <summary>A MIME part; for <c>EmailMessage.RootPart</c>, the whole message with its top-level headers.</summary>
public class MimePart : MimeNode
{
    /// <summary>Only Exchange (and the host) create parts here.</summary>
    internal MimePart(HeaderList headers)
    {
        Headers = headers;
    }

    /// <summary>The part's headers.</summary>
    public HeaderList Headers { get; }
}
