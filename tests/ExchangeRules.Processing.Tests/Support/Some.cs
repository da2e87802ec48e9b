using System;
using System.IO;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>Anonymous test values.</summary>
internal static class Some
{
    public const string Mime =
        "From: Alice <alice@contoso.com>\r\n" +
        "To: bob@fabrikam.com\r\n" +
        "Subject: Quarterly numbers\r\n" +
        "Message-ID: <m1@contoso.com>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "\r\n" +
        "Hello Bob.\r\n";

    public static MessageEnvelope Envelope(SubmissionOrigin origin = SubmissionOrigin.Authenticated, params string[] recipients) =>
        new("alice@contoso.com", recipients.Length == 0 ? new[] { "bob@fabrikam.com" } : recipients, origin);

    public static MemoryStream Message(string mime = Mime) => new(Encoding.UTF8.GetBytes(mime));

    public static MemoryStream MessageWithHeaders(string extraHeaders) => Message(extraHeaders + Mime);

    public static MemoryStream File(string name) =>
        new(System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name)));

    public static InsertContentAction Disclaimer(string rule = "Disclaimer", FailurePolicy policy = FailurePolicy.FailOpen) =>
        new(rule, policy, InsertionKind.Disclaimer, "<p>Legal</p>", "Legal", Placement.Bottom, true, Array.Empty<InlineImage>());

    public static SubjectAction SubjectTag(string rule = "Tag", FailurePolicy policy = FailurePolicy.FailOpen) =>
        new(rule, policy, "[EXT]", prepend: true);
}
