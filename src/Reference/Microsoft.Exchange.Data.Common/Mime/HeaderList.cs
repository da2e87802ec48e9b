using System;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.Exchange.Data.Mime;

/// <summary>The header fields of a MIME part, in order.</summary>
public class HeaderList : MimeNode
{
    /// <summary>Only Exchange (and the host) create header lists.</summary>
    internal HeaderList()
    {
    }

    /// <summary>The first header named <paramref name="name"/> (case-insensitive), or <see langword="null"/>.</summary>
    public Header FindFirst(string name) => Headers().FirstOrDefault(h => Matches(h, name));

    /// <summary>Every header named <paramref name="name"/> (case-insensitive), in order.</summary>
    public Header[] FindAll(string name) => Headers().Where(h => Matches(h, name)).ToArray();

    /// <summary>Removes every header named <paramref name="name"/>.</summary>
    public void RemoveAll(string name)
    {
        foreach (Header header in FindAll(name))
        {
            RemoveChild(header);
        }
    }

    /// <inheritdoc />
    internal override void ValidateChild(MimeNode child)
    {
        if (child is not Header)
        {
            throw new ArgumentException("A header list holds headers only.", nameof(child));
        }
    }

    private IEnumerable<Header> Headers() => Children.OfType<Header>();

    private static bool Matches(Header header, string name) =>
        string.Equals(header.Name, name ?? throw new ArgumentNullException(nameof(name)), StringComparison.OrdinalIgnoreCase);
}
