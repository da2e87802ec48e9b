using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Processing.Transport;
using MimeKit;
using Xunit;

namespace ExchangeRules.Agent.Tests;

/// <summary>
/// The engine sees the organisation through IOrganization: inside Exchange the agent's ExchangeOrganization (built
/// from SmtpServer.AcceptedDomains and AddressBook, here the harness's runtime implementations of them), in the
/// harness and the CLI the OrganizationModel. For every hybrid flow (direction, sender scope, recipient location)
/// they must give the same answers, or tests in the harness would not predict what the agent does on a server.
/// </summary>
public sealed class OrganizationEquivalenceTests
{
    private static readonly OrganizationModel _model = OrganizationFile.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "org", "hybrid.xml"));
    private static readonly ExchangeOrganization _agent = new ExchangeOrganization(new HarnessSmtpServerState(_model, _ => { }));

    public static TheoryData<string> Addresses()
    {
        var data = new TheoryData<string>();
        foreach (var address in _model.Recipients.SelectMany(r => r.ProxyAddresses.Prepend(r.PrimaryAddress)))
        {
            data.Add(address);
            data.Add(address.ToUpperInvariant());
        }

        foreach (var other in new[] { "nobody@contoso.com", "unknown@fabrikam.com", "carol@contoso.mail.onmicrosoft.com", "someone@external.example", "x@sub.contoso.net", "x@contoso.net", "not an address", "<>", "" })
        {
            data.Add(other);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Locate_EveryRecipientKindAndOutsider_SameAnswer(string address)
    {
        Assert.Equal(_model.Locate(address), _agent.Locate(address));
    }

    [Theory]
    [InlineData("contoso.com")]
    [InlineData("CONTOSO.COM")]
    [InlineData("fabrikam.com")]
    [InlineData("eu.contoso.net")]
    [InlineData("contoso.net")]
    [InlineData("contoso.mail.onmicrosoft.com")]
    [InlineData("external.example")]
    [InlineData("")]
    public void IsAcceptedDomain_SameAnswer(string domain)
    {
        Assert.Equal(_model.IsAcceptedDomain(domain), _agent.IsAcceptedDomain(domain));
    }

    public static TheoryData<string, string, string, string, MessageDirection> Flows() => new()
    {
        // flow, how it entered (AuthAs, AuthSource), sender, recipient, expected direction
        { "internet → on-premises", "Anonymous|ex01.contoso.com", "partner@external.example", "alice@contoso.com", MessageDirection.Incoming },
        { "internet, spoofed internal From → on-premises", "Anonymous|ex01.contoso.com", "bob@contoso.com", "alice@contoso.com", MessageDirection.Incoming },
        { "internet via Exchange Online (MX) → on-premises", "Anonymous|HRNPR01MB0001.harness.prod.outlook.com", "partner@external.example", "alice@contoso.com", MessageDirection.Incoming },
        { "internet → cloud mailbox, MX on-premises", "Anonymous|ex01.contoso.com", "partner@external.example", "carol@contoso.com", MessageDirection.Incoming },
        { "on-premises → on-premises", "Internal|ex01.contoso.com", "alice@contoso.com", "bob@contoso.com", MessageDirection.Internal },
        { "on-premises → internet", "Internal|ex01.contoso.com", "alice@contoso.com", "partner@external.example", MessageDirection.Outgoing },
        { "on-premises → cloud mailbox", "Internal|ex01.contoso.com", "alice@contoso.com", "carol@contoso.com", MessageDirection.Internal },
        { "on-premises → cloud-only object (internal relay)", "Internal|ex01.contoso.com", "alice@contoso.com", "sales-team@fabrikam.com", MessageDirection.Internal },
        { "on-premises → cloud-only object (authoritative)", "Internal|ex01.contoso.com", "alice@contoso.com", "helpdesk@contoso.com", MessageDirection.Internal },
        { "on-premises → coexistence address", "Internal|ex01.contoso.com", "alice@contoso.com", "carol@contoso.mail.onmicrosoft.com", MessageDirection.Outgoing },
        { "cloud → internet (CMT)", "Internal|HRNPR01MB0001.harness.prod.outlook.com", "carol@contoso.com", "partner@external.example", MessageDirection.Outgoing },
        { "cloud → on-premises", "Internal|HRNPR01MB0001.harness.prod.outlook.com", "carol@contoso.com", "alice@contoso.com", MessageDirection.Internal },
        { "cloud → cloud (redirect rule)", "Internal|HRNPR01MB0001.harness.prod.outlook.com", "carol@contoso.com", "dave@contoso.com", MessageDirection.Internal },
        { "cloud-only object → cloud (redirect rule)", "Internal|HRNPR01MB0001.harness.prod.outlook.com", "sales-team@fabrikam.com", "dave@contoso.com", MessageDirection.Internal },
        { "wildcard accepted domain → internet", "Internal|ex01.contoso.com", "frank@eu.contoso.net", "partner@external.example", MessageDirection.Outgoing },
        { "partner (domain-secured) → on-premises", "Partner|ex01.contoso.com", "partner@external.example", "alice@contoso.com", MessageDirection.Incoming },
        { "no AuthAs header → on-premises", "|", "alice@contoso.com", "bob@contoso.com", MessageDirection.Incoming },
    };

    [Theory]
    [MemberData(nameof(Flows))]
    public void HybridFlow_OriginSenderScopeRecipientLocationAndDirection_SameAnswers(string flow, string authentication, string sender, string recipient, MessageDirection expected)
    {
        var parts = authentication.Split('|');
        var headers = new HeaderList();
        if (parts[0].Length > 0)
        {
            headers.Add(OrganizationHeaders.AuthAs, parts[0]);
            headers.Add(OrganizationHeaders.AuthSource, parts[1]);
        }

        // The agent classifies the X-MS-Exchange-Organization-* headers with SubmissionOriginClassifier; the harness with ExchangeHeaders.
        var agentOrigin = SubmissionOriginClassifier.Classify(new SubmissionAuthentication(headers[OrganizationHeaders.AuthAs], headers[OrganizationHeaders.AuthSource], headers[OrganizationHeaders.AuthMechanism]));
        var harnessOrigin = ExchangeHeaders.ClassifyOrigin(headers);
        Assert.Equal(agentOrigin, harnessOrigin);

        var agent = Describe(_agent, agentOrigin, sender, recipient);
        var harness = Describe(_model, harnessOrigin, sender, recipient);
        Assert.Equal(harness, agent);
        Assert.True(expected == agent.Direction, $"{flow}: expected {expected}, both said {agent.Direction}");
    }

    /// <summary>What the engine derives from an organisation for one message (EvaluationState's rules).</summary>
    private static (bool SenderInside, RecipientLocation Location, MessageDirection Direction) Describe(IOrganization organization, SubmissionOrigin origin, string sender, string recipient)
    {
        var at = sender.LastIndexOf('@');
        var senderInside = origin is SubmissionOrigin.Authenticated or SubmissionOrigin.HybridConnector
            && at > 0 && organization.IsAcceptedDomain(sender.Substring(at + 1));
        var location = organization.Locate(recipient);
        var direction = !senderInside ? MessageDirection.Incoming : location == RecipientLocation.External ? MessageDirection.Outgoing : MessageDirection.Internal;
        return (senderInside, location, direction);
    }
}
