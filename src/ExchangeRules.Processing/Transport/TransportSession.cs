using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Processing.Transport;

/// <summary>
/// What the handler did to one mail item and its forked clones, across the events of one agent instance (Exchange
/// creates an agent per mail item and hands a forked clone to the same instance at OnRoutedMessage). It is how a
/// message handled at OnResolvedMessage is not handled again at OnRoutedMessage, while a clone forked off it —
/// whose recipients were not on the handled item — is. Keyed by recipients rather than by object identity, because
/// Exchange does not document whether an event hands the same <c>MailItem</c> object twice.
/// </summary>
/// <threadsafety>Safe for one event at a time, which is how Exchange raises an agent's events for one item.</threadsafety>
public sealed class TransportSession
{
    private readonly HashSet<string> _handled = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _lock = new();

    /// <summary>The item's parsed top-level header block, kept from one event to the next while its bytes stay the same.</summary>
    internal HeaderBlockCache Headers { get; } = new();

    /// <summary>How many times the handler parsed a header block of this session's items (the rest came from the cache); for tests.</summary>
    public int HeaderBlockParses => Headers.Parses;

    /// <summary>Whether the recipient changes (add, BCC, redirect) were decided and applied at OnSubmittedMessage.</summary>
    public bool RecipientChangesApplied { get; internal set; }

    /// <summary>Whether the content of an item with these recipients was already handled in this session.</summary>
    public bool IsHandled(IReadOnlyList<string> recipients)
    {
        lock (_lock)
        {
            return recipients.Count > 0 && recipients.All(_handled.Contains);
        }
    }

    /// <summary>Records that the content of an item with these recipients has been handled.</summary>
    internal void MarkHandled(IEnumerable<string> recipients)
    {
        lock (_lock)
        {
            foreach (var recipient in recipients)
            {
                _handled.Add(recipient);
            }
        }
    }
}
