using System;
using System.Linq;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Engine.Tests.Support;

/// <summary>Builds message contexts for evaluation tests.</summary>
internal sealed class TestMessage
{
    public static readonly DateTimeOffset Wednesday10Utc = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public string From { get; set; } = "alice@contoso.com";

    public string? EnvelopeSender { get; set; }

    public string[] To { get; set; } = { "bob@contoso.com" };

    public SubmissionOrigin Origin { get; set; } = SubmissionOrigin.Authenticated;

    public FakeContent Content { get; } = new() { Subject = "Quarterly numbers" };

    public IOrganization Organization { get; set; } = FakeOrganization.Contoso;

    public IDirectory? Directory { get; set; } = FakeDirectory.Contoso();

    public DateTimeOffset Now { get; set; } = Wednesday10Utc;

    public static TestMessage Internal() => new();

    public static TestMessage Outgoing(params string[] to) => new() { To = to.Length == 0 ? new[] { "carol@fabrikam.com" } : to };

    public static TestMessage Incoming(string from = "dave@fabrikam.com") => new() { From = from, Origin = SubmissionOrigin.Anonymous };

    public MessageContext Build()
    {
        if (Content.GetHeaderValues("From").Count == 0)
        {
            Content.Header("From", "\"Alice Archer\" <" + From + ">");
        }

        if (Content.GetHeaderValues("To").Count == 0 && To.Length > 0)
        {
            Content.Header("To", string.Join(", ", To.Select(address => "<" + address + ">")));
        }

        return new MessageContext(new MessageEnvelope(EnvelopeSender ?? From, To, Origin), Content, Organization, Directory, Now);
    }
}
