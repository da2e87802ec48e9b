using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Processing.Safety;

/// <summary>A view of a message that hides our own headers from evaluation (see <see cref="OwnHeaders"/>).</summary>
internal sealed class OwnHeadersHidden : IMessageContent
{
    private readonly IMessageContent _inner;

    public OwnHeadersHidden(IMessageContent inner)
    {
        _inner = inner;
    }

    public string Subject => _inner.Subject;

    public long Size => _inner.Size;

    public MessageTraits Traits => _inner.Traits;

    public IReadOnlyList<string> GetHeaderValues(string name) =>
        OwnHeaders.IsOwn(name) ? Array.Empty<string>() : _inner.GetHeaderValues(name);

    public IReadOnlyList<string> GetHeaderAddresses(string headerName) => _inner.GetHeaderAddresses(headerName);

    public string GetBodyText() => _inner.GetBodyText();

    public string GetNewestPartText() => _inner.GetNewestPartText();

    public IReadOnlyList<AttachmentInfo> GetAttachments() => _inner.GetAttachments();
}
