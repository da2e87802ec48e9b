using System;
using System.Collections;
using System.Collections.Generic;
using Microsoft.Exchange.Data.Transport.Smtp;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The envelope recipients of a mail item. Recipients can be added only during OnSubmittedMessage
/// (<see cref="CanAdd"/>). See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563150(v=exchg.150).
/// </summary>
public abstract class EnvelopeRecipientCollection : ReadOnlyEnvelopeRecipientCollection
{
    /// <summary>Created by the transport runtime only.</summary>
    internal EnvelopeRecipientCollection()
    {
    }

    /// <summary>Whether <see cref="Add"/> is allowed in the current event.</summary>
    public abstract bool CanAdd { get; }

    /// <summary>Adds a recipient.</summary>
    /// <exception cref="NotSupportedException"><see cref="CanAdd"/> is false.</exception>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not a valid SMTP address.</exception>
    public abstract void Add(RoutingAddress address);

    /// <summary>Removes every recipient.</summary>
    public abstract void Clear();

    /// <summary>Removes <paramref name="recipient"/>; returns whether it was present.</summary>
    public abstract bool Remove(EnvelopeRecipient recipient);

    /// <summary>Removes every recipient with <paramref name="address"/>; returns how many were removed.</summary>
    public abstract int Remove(RoutingAddress address);

    /// <summary>Removes <paramref name="recipient"/> and generates a DSN of <paramref name="dsnType"/>. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563632(v=exchg.150).</summary>
    public abstract bool Remove(EnvelopeRecipient recipient, DsnType dsnType, SmtpResponse smtpResponse);

    /// <summary>Removes <paramref name="recipient"/> with a DSN, recording <paramref name="sourceContext"/>. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/jj976002(v=exchg.150).</summary>
    public abstract bool Remove(EnvelopeRecipient recipient, DsnType dsnType, SmtpResponse smtpResponse, string sourceContext);

    /// <summary>Enumerates the recipients of a collection by index.</summary>
    public struct Enumerator : IEnumerator<EnvelopeRecipient>
    {
        private readonly ReadOnlyEnvelopeRecipientCollection _collection;
        private int _index;

        /// <summary>Enumerates <paramref name="collection"/> (runtime implementations return this from GetEnumerator).</summary>
        internal Enumerator(ReadOnlyEnvelopeRecipientCollection collection)
        {
            _collection = collection ?? throw new ArgumentNullException(nameof(collection));
            _index = -1;
        }

        /// <summary>The current recipient.</summary>
        public EnvelopeRecipient Current => _collection[_index];

        object IEnumerator.Current => Current;

        /// <summary>Moves to the next recipient.</summary>
        public bool MoveNext()
        {
            if (_collection is null || _index + 1 >= _collection.Count)
            {
                return false;
            }

            _index++;
            return true;
        }

        /// <summary>Moves before the first recipient.</summary>
        public void Reset() => _index = -1;

        /// <summary>Releases nothing; present for <see cref="IDisposable"/>.</summary>
        public void Dispose()
        {
        }
    }
}
