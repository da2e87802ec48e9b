using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Testing.Fakes;

/// <summary>An in-memory message content that counts body reads.</summary>
internal sealed class FakeContent : IMessageContent
{
    private readonly Dictionary<string, List<string>> _headers = new(StringComparer.OrdinalIgnoreCase);

    public string Subject { get; set; } = string.Empty;

    public long Size { get; set; } = 2048;

    public string Body { get; set; } = string.Empty;

    /// <summary>The newest part of the body; the whole body when not set (a message without quoted history).</summary>
    public string? NewestPart { get; set; }

    public int BodyReads { get; private set; }

    public List<AttachmentInfo> Attachments { get; } = new();

    public MessageTraits Traits { get; set; }

    public FakeContent Header(string name, string value)
    {
        if (!_headers.TryGetValue(name, out var values))
        {
            values = new List<string>();
            _headers[name] = values;
        }

        values.Add(value);
        return this;
    }

    public IReadOnlyList<string> GetHeaderValues(string name) =>
        _headers.TryGetValue(name, out var values) ? values : (IReadOnlyList<string>)Array.Empty<string>();

    public IReadOnlyList<string> GetHeaderAddresses(string headerName) =>
        GetHeaderValues(headerName)
            .SelectMany(value => value.Split(','))
            .Select(part => part.Contains('<', StringComparison.Ordinal) ? part[(part.IndexOf('<', StringComparison.Ordinal) + 1)..part.IndexOf('>', StringComparison.Ordinal)] : part.Trim())
            .Where(address => address.Length > 0)
            .ToArray();

    public string GetBodyText()
    {
        BodyReads++;
        return Body;
    }

    public string GetNewestPartText()
    {
        BodyReads++;
        return NewestPart ?? Body;
    }

    public IReadOnlyList<AttachmentInfo> GetAttachments() => Attachments;
}
