using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Microsoft.Exchange.Data.Mime;

/// <summary>
/// The header fields of a MIME part, in order. As in Exchange (<c>class HeaderList : MimeNode, IEnumerable&lt;Header&gt;</c>,
/// reference §1.24, metadata of 2013 CU23 and 2019 CU11), the list is enumerable: <c>foreach</c> and LINQ work.
/// </summary>
/// <remarks>
/// <see cref="IEnumerable{T}"/> is implemented explicitly only. The metadata notes list the interface but not the
/// signature of the real class's public <c>GetEnumerator</c> (for <c>AttachmentCollection</c> it returns a nested value
/// type): a public method declared here with another return type would compile agents to a member no server has
/// (<c>MissingMethodException</c> when EdgeTransport compiles the method). With the interface only, <c>foreach</c> and
/// LINQ call <c>IEnumerable&lt;Header&gt;.GetEnumerator</c>, which every server's <c>HeaderList</c> implements.
/// </remarks>
public class HeaderList : MimeNode, IEnumerable<Header>
{
    /// <summary>Only Exchange (and the host) create header lists.</summary>
    internal HeaderList()
    {
    }

    /// <summary>The first header named <paramref name="name"/> (case-insensitive), or <see langword="null"/>.</summary>
    public Header FindFirst(string name) => Headers().FirstOrDefault(h => Matches(h, name));

    /// <summary>The next header after <paramref name="header"/> with the same name (case-insensitive), or <see langword="null"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="header"/> is null.</exception>
    public Header FindNext(Header header)
    {
        if (header is null)
        {
            throw new ArgumentNullException(nameof(header));
        }

        return Headers().SkipWhile(h => !ReferenceEquals(h, header)).Skip(1).FirstOrDefault(h => Matches(h, header.Name));
    }

    /// <summary>Every header named <paramref name="name"/> (case-insensitive), in order.</summary>
    public Header[] FindAll(string name) => Headers().Where(h => Matches(h, name)).ToArray();

    /// <summary>Removes every header named <paramref name="name"/>, in one pass over the list.</summary>
    public void RemoveAll(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        RemoveChildren(child => child is Header header && Matches(header, name));
    }

    /// <inheritdoc />
    IEnumerator<Header> IEnumerable<Header>.GetEnumerator() => Headers().GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => Headers().GetEnumerator();

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
