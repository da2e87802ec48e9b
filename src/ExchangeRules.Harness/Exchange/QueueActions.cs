using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using Microsoft.Exchange.Data.Transport.Smtp;

namespace ExchangeRules.Harness.Exchange;

/// <summary>What an agent asked the categorizer to do with the item during one event: defer, delete, fork, expand.</summary>
internal sealed class QueueActions
{
    private readonly HarnessMailItem _item;

    public QueueActions(HarnessMailItem item)
    {
        _item = item;
    }

    public string? Deferred { get; private set; }

    public string? Deleted { get; private set; }

    public List<(List<string> Recipients, byte[] Content)> Forks { get; } = new();

    public List<string> Notes { get; } = new();

    public void Defer(TimeSpan waitTime, string reason)
    {
        _item.ThrowIfClosed();
        Deferred = $"deferred for {waitTime.TotalSeconds:0} s{(string.IsNullOrEmpty(reason) ? string.Empty : ": " + reason)}";
        _item.Close("the item was deferred");
    }

    public void Delete(string reason)
    {
        _item.ThrowIfClosed();
        Deleted = "deleted" + (string.IsNullOrEmpty(reason) ? string.Empty : ": " + reason);
        _item.Close("the item was deleted");
    }

    public void Fork(IList<EnvelopeRecipient> recipients)
    {
        _item.ThrowIfClosed();
        if (recipients is null)
        {
            throw new ArgumentNullException(nameof(recipients));
        }

        var keep = _item.RecipientList.Where(r => recipients.Contains(r)).ToList();
        var rest = _item.RecipientList.Where(r => !recipients.Contains(r)).Select(r => r.Address.ToString()).ToList();
        if (rest.Count > 0)
        {
            Forks.Add((rest, _item.Content));
            _item.RecipientList.Replace(keep);
        }
    }

    public void ExpandRecipients(IList<RecipientExpansionInfo> expansions, bool inSubmitted)
    {
        _item.ThrowIfClosed();
        foreach (var expansion in expansions ?? throw new ArgumentNullException(nameof(expansions)))
        {
            _item.RecipientList.Remove(expansion.RemoveRecipient);
            var allowed = _item.RecipientList.AddAllowed;
            _item.RecipientList.AddAllowed = true;
            foreach (var address in expansion.Addresses)
            {
                _item.RecipientList.Add(address);
            }

            _item.RecipientList.AddAllowed = allowed;
        }

        if (!inSubmitted)
        {
            Notes.Add("ExpandRecipients outside OnSubmittedMessage: the new recipients are resolved and routed only after Defer");
        }
    }

    public static string Describe(SmtpResponse response) =>
        $"{response.StatusCode} {response.EnhancedStatusCode} {string.Join(" ", response.StatusText ?? Array.Empty<string>())}".Trim();
}
