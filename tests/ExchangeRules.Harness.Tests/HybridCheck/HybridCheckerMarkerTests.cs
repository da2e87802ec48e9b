using System;
using System.Linq;
using System.Threading;
using ExchangeRules.Harness.HybridCheck;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.HybridCheck;

/// <summary>hybrid-check and the processed marker: the redirect rule must except X-ExchangeRules-Processed.</summary>
public sealed class HybridCheckerMarkerTests
{
    [Fact]
    public void Run_RedirectRuleExceptsTheStampHeader_ReportsTheLoopAndPrintsTheMarkerException()
    {
        var report = HybridChecker.Run(TestFiles.Organization("hybrid-rule-excepts-stamped.xml"), new MarkerOnlyTransport(), CancellationToken.None);

        var flow = report.Flows.Single(f => f.Name.StartsWith("cloud → cloud (", StringComparison.Ordinal));
        Assert.True(flow.Failed);
        Assert.Contains("5.4.14", flow.Verdict, StringComparison.Ordinal);
        Assert.Contains(flow.Advice, a => a.Contains("excepts X-ExchangeRules-Stamped", StringComparison.Ordinal));
        Assert.Contains(report.Commands, c => c.Contains("Set-TransportRule -Identity 'Route cloud mail through on-premises' -ExceptIfHeaderMatchesMessageHeader 'X-ExchangeRules-Processed'", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_RedirectRuleExceptsTheMarker_CloudToCloudIsProcessedOnce()
    {
        var report = HybridChecker.Run(TestFiles.Organization("hybrid.xml"), new MarkerOnlyTransport(), CancellationToken.None);

        var flow = report.Flows.Single(f => f.Name.StartsWith("cloud → cloud (", StringComparison.Ordinal));
        Assert.True(flow.Processed);
        Assert.False(flow.Failed);
        Assert.Equal(1, flow.Crossings);
        Assert.Equal("processed", Messages.Parse(flow.Copies.Single().Mime).Headers["X-ExchangeRules-Processed"]);
    }
}
