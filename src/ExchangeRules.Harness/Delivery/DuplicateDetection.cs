using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;

namespace ExchangeRules.Harness.Delivery;

/// <summary>
/// Exchange's duplicate delivery detection: the mailbox store keeps the Message-IDs it delivered per mailbox and
/// drops a second copy (message tracking event <c>DUPLICATEDELIVER</c>). That is what makes a retried submission
/// harmless when the client never saw the 250 after DATA and sent the message again: transport accepts it twice,
/// the mailbox gets it once. The harness applies it to every delivered copy (mailboxes, and the internet folder that
/// stands for the receiving server). A message without a Message-ID cannot be recognised and is delivered again, as
/// in Exchange (which gives such a message a new Message-ID on each submission). The memory is bounded: the oldest
/// keys are forgotten first, as Exchange's detection window is bounded too.
/// </summary>
internal sealed class DuplicateDetection
{
    private readonly int _capacity;
    private readonly HashSet<string> _delivered = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<string> _order = new();
    private readonly Dictionary<string, string> _files = new(StringComparer.OrdinalIgnoreCase);

    public DuplicateDetection(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>The key of a copy: target, recipient and Message-ID; <see langword="null"/> when it cannot be recognised.</summary>
    public static string? KeyOf(DeliveredCopy copy, ConditionalWeakTable<byte[], MessageIdBox> messageIds)
    {
        if (copy.Target is not (DeliveryTarget.OnPremisesMailbox or DeliveryTarget.ExchangeOnlineMailbox or DeliveryTarget.Internet))
        {
            return null;
        }

        // Copies of one message share one byte array: its header block is read once, not once per recipient.
        var id = messageIds.GetValue(copy.Mime, mime => new MessageIdBox(HeaderBlock.ReadForTransport(mime)["Message-ID"]?.Trim())).Value;
        return string.IsNullOrEmpty(id) ? null : copy.Target + "|" + copy.Recipient + "|" + id;
    }

    /// <summary>The file the first copy with this key went to, or <see langword="null"/> when the key is new.</summary>
    public string? FirstDelivery(string key) => _files.TryGetValue(key, out var file) ? file : null;

    /// <summary>Remembers a delivered copy.</summary>
    public void Remember(string key, string file)
    {
        if (!_delivered.Add(key))
        {
            return;
        }

        _files[key] = file;
        _order.Enqueue(key);
        while (_order.Count > _capacity)
        {
            var oldest = _order.Dequeue();
            _delivered.Remove(oldest);
            _files.Remove(oldest);
        }
    }

    /// <summary>A Message-ID (or none) cached per message bytes.</summary>
    internal sealed class MessageIdBox
    {
        public MessageIdBox(string? value)
        {
            Value = value;
        }

        public string? Value { get; }
    }
}
