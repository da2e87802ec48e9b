using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Processing.Transport;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>An <see cref="ITransportItem"/> that records every primitive the handler calls.</summary>
internal sealed class FakeTransportItem : ITransportItem
{
    private readonly List<string> _recipients;

    public FakeTransportItem(string mime, params string[] recipients)
    {
        Content = Encoding.ASCII.GetBytes(mime);
        _recipients = recipients.ToList();
    }

    public List<string> Calls { get; } = new();

    public byte[] Content { get; private set; }

    public string Text => Encoding.ASCII.GetString(Content);

    public string Sender { get; init; } = "alice@contoso.com";

    public IReadOnlyList<string> Recipients => _recipients.ToList();

    public bool IsSystemMessage { get; init; }

    public bool CanAddRecipients { get; set; }

    public SubmissionAuthentication? Authentication { get; init; }

    public bool FailWrites { get; init; }

    /// <summary>Another agent's write between events: the content changes without the handler's doing.</summary>
    public void ReplaceContent(string mime) => Content = Encoding.ASCII.GetBytes(mime);

    public Stream? OpenContent() => new MemoryStream(Content, writable: false);

    public void WriteContent(Stream content)
    {
        Calls.Add("write");
        if (FailWrites)
        {
            throw new IOException("disk full");
        }

        using var copy = new MemoryStream();
        content.CopyTo(copy);
        Content = copy.ToArray();
    }

    public void SetHeader(string name, string? value)
    {
        Calls.Add($"header:{name}={value ?? "(removed)"}");
        using var source = new MemoryStream(Content);
        using var edited = new MemoryStream();
        TopLevelHeaders.Copy(source, edited, n => n.Equals(name, StringComparison.OrdinalIgnoreCase), value is null ? Array.Empty<KeyValuePair<string, string>>() : new[] { new KeyValuePair<string, string>(name, value) });
        Content = edited.ToArray();
    }

    public void Fork(IReadOnlyList<string> stay)
    {
        Calls.Add("fork:" + string.Join(",", stay));
        _recipients.RemoveAll(r => !stay.Contains(r, StringComparer.OrdinalIgnoreCase));
    }

    public void Defer(TimeSpan retryAfter, string reason) => Calls.Add("defer:" + reason);

    public void Delete(string reason) => Calls.Add("delete:" + reason);

    public void Reject(string reason) => Calls.Add("reject:" + reason);

    public DateTimeOffset? ReceivedAt { get; set; }

    public void AddRecipient(string address)
    {
        if (!CanAddRecipients)
        {
            throw new NotSupportedException("not here");
        }

        Calls.Add("add:" + address);
        _recipients.Add(address);
    }

    public void RemoveRecipient(string address)
    {
        Calls.Add("remove:" + address);
        _recipients.RemoveAll(r => r.Equals(address, StringComparison.OrdinalIgnoreCase));
    }
}
