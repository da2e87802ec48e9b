using System;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Tests.Support;
using Xunit;

namespace ExchangeRules.Harness.Tests.Topology;

/// <summary>The organisation lookups the topology makes for every recipient (accepted domains, target addresses).</summary>
public class OrganizationLookupTests
{
    private static readonly OrganizationModel _organization = new(
        "Contoso",
        "ex01.contoso.com",
        new[]
        {
            new AcceptedDomain("*.contoso.com", AcceptedDomainType.InternalRelay),
            new AcceptedDomain("eu.contoso.com", AcceptedDomainType.Authoritative),
            new AcceptedDomain("contoso.com", AcceptedDomainType.Authoritative),
        },
        Array.Empty<OrganizationRecipient>(),
        null,
        null);

    [Theory]
    [InlineData("eu.contoso.com", "eu.contoso.com")]
    [InlineData("EU.Contoso.com", "eu.contoso.com")]
    [InlineData("contoso.com", "contoso.com")]
    [InlineData("us.contoso.com", "*.contoso.com")]
    [InlineData("mail.us.contoso.com", "*.contoso.com")]
    [InlineData("notcontoso.com", null)]
    [InlineData("contoso.com.example", null)]
    [InlineData("", null)]
    public void FindAcceptedDomain_ExactNamesWinOverWildcards_WhateverTheOrder(string domain, string? expected)
    {
        Assert.Equal(expected, _organization.FindAcceptedDomain(domain)?.Name);
    }

    [Theory]
    [InlineData("carol@contoso.mail.onmicrosoft.com", "carol@contoso.com")]
    [InlineData("CAROL@Contoso.Mail.OnMicrosoft.com", "carol@contoso.com")]
    [InlineData("carol@xcontoso.mail.onmicrosoft.com", null)]
    [InlineData("contoso.mail.onmicrosoft.com", null)]
    [InlineData("alice@contoso.mail.onmicrosoft.com", null)]
    public void Find_ARemoteMailboxsTargetAddress_ReachesTheMailbox(string address, string? expected)
    {
        // alice is an on-premises mailbox: only remote (cloud) mailboxes have a target address in the tenant domain.
        Assert.Equal(expected, TestFiles.Organization("hybrid.xml").Find(address)?.PrimaryAddress);
    }
}
