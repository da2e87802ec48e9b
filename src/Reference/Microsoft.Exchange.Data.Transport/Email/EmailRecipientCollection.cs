using System.Collections;
using System.Collections.Generic;

namespace Microsoft.Exchange.Data.Transport.Email;

/// <summary>
/// The recipients of one address header (To, Cc, Bcc, Reply-To). See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa566504(v=exchg.150).
/// </summary>
public class EmailRecipientCollection : IEnumerable<EmailRecipient>
{
    private readonly List<EmailRecipient> _recipients = new();

    /// <summary>Created by <see cref="EmailMessage"/> only.</summary>
    internal EmailRecipientCollection()
    {
    }

    /// <summary>The number of recipients.</summary>
    public int Count => _recipients.Count;

    /// <summary>The recipient at <paramref name="index"/>.</summary>
    public EmailRecipient this[int index] => _recipients[index];

    /// <summary>Adds a recipient.</summary>
    public void Add(EmailRecipient item) => _recipients.Add(item);

    /// <summary>Removes a recipient; returns whether it was present.</summary>
    public bool Remove(EmailRecipient item) => _recipients.Remove(item);

    /// <summary>Removes every recipient.</summary>
    public void Clear() => _recipients.Clear();

    /// <summary>Returns an enumerator over the recipients.</summary>
    public Enumerator GetEnumerator() => new(_recipients);

    IEnumerator<EmailRecipient> IEnumerable<EmailRecipient>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates the recipients.</summary>
    public struct Enumerator : IEnumerator<EmailRecipient>
    {
        private List<EmailRecipient>.Enumerator _inner;

        internal Enumerator(List<EmailRecipient> recipients)
        {
            _inner = recipients.GetEnumerator();
        }

        /// <summary>The current recipient.</summary>
        public EmailRecipient Current => _inner.Current;

        object IEnumerator.Current => Current;

        /// <summary>Moves to the next recipient.</summary>
        public bool MoveNext() => _inner.MoveNext();

        /// <summary>Not supported by the underlying list enumerator; enumerate again instead.</summary>
        public void Reset() => ((IEnumerator)_inner).Reset();

        /// <summary>Releases the enumerator.</summary>
        public void Dispose() => _inner.Dispose();
    }
}
