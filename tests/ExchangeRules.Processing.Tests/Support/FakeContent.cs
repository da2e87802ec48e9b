using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Messages;
using MimeKit;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>A message view over MimeKit's header list, enough for the processor's own needs.</summary>
internal sealed class FakeContent : IMessageContent
{
    private readonly HeaderList _headers;

    public FakeContent(Stream mime)
    {
        Size = mime.Length;
        _headers = HeaderList.Load(mime);
    }

    public string Subject => _headers[HeaderId.Subject] ?? string.Empty;

    public long Size { get; }

    public MessageTraits Traits => MessageTraits.None;

    public IReadOnlyList<string> GetHeaderValues(string name) =>
        _headers.Where(header => string.Equals(header.Field, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).ToList();

    public IReadOnlyList<string> GetHeaderAddresses(string headerName) => Array.Empty<string>();

    public string GetBodyText() => string.Empty;

    public string GetNewestPartText() => string.Empty;

    public IReadOnlyList<AttachmentInfo> GetAttachments() => Array.Empty<AttachmentInfo>();
}
