using System;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing.Transport;
using Xunit;

namespace ExchangeRules.Processing.Tests.Transport;

public sealed class SubmissionOriginClassifierTests
{
    [Theory]
    [InlineData("Internal", "MBX01.contoso.local", "04", SubmissionOrigin.Authenticated)]
    [InlineData("internal", "mbx01.contoso.local", null, SubmissionOrigin.Authenticated)]
    [InlineData("Internal", null, null, SubmissionOrigin.Authenticated)]
    [InlineData("Internal", "AM6PR08MB1234.eurprd08.prod.outlook.com", "04", SubmissionOrigin.HybridConnector)]
    [InlineData("Internal", "DM6PR01MB0001.namprd01.prod.outlook.com.", null, SubmissionOrigin.HybridConnector)]
    [InlineData("Internal", "BN1PR00MB0001.gbl.office365.us", null, SubmissionOrigin.HybridConnector)]
    [InlineData("Anonymous", "EDGE01.contoso.com", null, SubmissionOrigin.Anonymous)]
    [InlineData("Anonymous", "AM6PR08MB1234.eurprd08.prod.outlook.com", null, SubmissionOrigin.Anonymous)]
    [InlineData("Partner", "MBX01.contoso.local", null, SubmissionOrigin.Anonymous)]
    [InlineData("External", "MBX01.contoso.local", null, SubmissionOrigin.Anonymous)]
    [InlineData(null, null, null, SubmissionOrigin.Unknown)]
    [InlineData("", "MBX01.contoso.local", "04", SubmissionOrigin.Unknown)]
    [InlineData("Trusted", "MBX01.contoso.local", "04", SubmissionOrigin.Unknown)]
    public void Classify_HeaderValues_GivesOrigin(string? authAs, string? authSource, string? authMechanism, SubmissionOrigin expected)
    {
        SubmissionOrigin actual = SubmissionOriginClassifier.Classify(new SubmissionAuthentication(authAs, authSource, authMechanism));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("evil-outlook.com", false)]
    [InlineData("outlook.com.attacker.example", false)]
    [InlineData("prod.outlook.com", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsExchangeOnlineHost_MatchesWholeLabelsOnly(string? host, bool expected)
    {
        Assert.Equal(expected, SubmissionOriginClassifier.IsExchangeOnlineHost(host));
    }

    [Fact]
    public void Classify_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SubmissionOriginClassifier.Classify(null!));
    }
}
