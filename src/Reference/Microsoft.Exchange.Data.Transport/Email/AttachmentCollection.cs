using System.Collections;
using System.Collections.Generic;

namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// The attachments of a message. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563872(v=exchg.150).
/// </summary>
public class AttachmentCollection : IEnumerable<Attachment>
{
    private readonly List<Attachment> _attachments = new();

    /// <summary>Created by <see cref="EmailMessage"/> only.</summary>
    internal AttachmentCollection()
    {
    }

    /// <summary>The number of attachments.</summary>
    public int Count => _attachments.Count;

    /// <summary>The attachment at <paramref name="index"/>.</summary>
    public Attachment this[int index] => _attachments[index];

    /// <summary>Adds an empty attachment.</summary>
    public Attachment Add() => Add(null, "application/octet-stream");

    /// <summary>Adds an empty attachment named <paramref name="fileName"/>.</summary>
    public Attachment Add(string fileName) => Add(fileName, "application/octet-stream");

    /// <summary>Adds an empty attachment named <paramref name="fileName"/> of <paramref name="contentType"/>.</summary>
    public Attachment Add(string fileName, string contentType)
    {
        var attachment = new Attachment(fileName, contentType);
        _attachments.Add(attachment);
        return attachment;
    }

    /// <summary>Removes an attachment; returns whether it was present.</summary>
    public bool Remove(Attachment attachment) => _attachments.Remove(attachment);

    /// <summary>Removes every attachment.</summary>
    public void Clear() => _attachments.Clear();

    /// <summary>Returns an enumerator over the attachments.</summary>
    public IEnumerator<Attachment> GetEnumerator() => _attachments.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
