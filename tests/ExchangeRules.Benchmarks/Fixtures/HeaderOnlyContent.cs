using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>
/// A message content whose headers are already decoded, so the rule-evaluation benchmark measures the
/// evaluator alone and not MIME parsing. Mirrors the headers of the Outlook reply fixture.
/// </summary>
internal sealed class HeaderOnlyContent : IMessageContent
{
    private readonly string _to;
    private readonly Dictionary<string, string[]> _headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["From"] = ["Bob Jones <" + MessageFixtures.Sender + ">"],
        ["Subject"] = ["RE: Quarterly forecast"],
        ["Message-ID"] = ["<DB9PR08MB65880F1E2D3C4B5A@EXCH01.contoso.example>"],
        ["In-Reply-To"] = ["<DB9PR08MB6588A1B2C3D4E5F6@DB9PR08MB6588.eurprd08.prod.outlook.com>"],
        ["Thread-Topic"] = ["Quarterly forecast"],
        ["Content-Type"] = ["multipart/related; type=\"multipart/alternative\""],
        ["X-MS-Exchange-Organization-AuthAs"] = ["Internal"],
    };

    /// <summary>Creates the content of a message to <paramref name="to"/>.</summary>
    public HeaderOnlyContent(string to)
    {
        _to = to;
        _headers["To"] = [to];
    }

    /// <inheritdoc />
    public string Subject => "RE: Quarterly forecast";

    /// <inheritdoc />
    public long Size => 40 * 1024;

    /// <inheritdoc />
    public MessageTraits Traits => MessageTraits.Reply;

    /// <inheritdoc />
    public IReadOnlyList<string> GetHeaderValues(string name) =>
        _headers.TryGetValue(name, out var values) ? values : [];

    /// <inheritdoc />
    public IReadOnlyList<string> GetHeaderAddresses(string headerName) => headerName.ToUpperInvariant() switch
    {
        "FROM" => [MessageFixtures.Sender],
        "TO" => [_to],
        _ => [],
    };

    /// <inheritdoc />
    public string GetBodyText() => "Hi Anna, please find the revised quarterly forecast attached.";

    /// <inheritdoc />
    public string GetNewestPartText() => GetBodyText();

    /// <inheritdoc />
    public IReadOnlyList<AttachmentInfo> GetAttachments() => [new AttachmentInfo("image001.png", "image/png", 1500, isInline: true)];
}
