using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Transport;
using Xunit;

namespace ExchangeRules.Harness.Tests.Transport;

/// <summary>
/// What the in-process transport reports besides the delivered items: one line per decision at once, and the report
/// lists (rules that acted, idle rules) only when a report reads them, so a run nobody reports on does not pay for
/// them (docs/performance.md, target 5).
/// </summary>
public class ProcessorTransportTests
{
    private const string _incoming = "From: someone@internet.example\r\nTo: alice@contoso.com\r\nSubject: Hello\r\nMessage-ID: <1@internet.example>\r\n\r\nHello Alice\r\n";

    [Fact]
    public void Run_ReportLists_AreComputedWhenFirstRead_AndNameTheRuleThatActed()
    {
        var transport = RealProcessing.Transport("banner-and-disclaimer.xml");
        var item = new TransportItem("someone@internet.example", new[] { "alice@contoso.com" }, Encoding.ASCII.GetBytes(_incoming));

        var run = transport.Run(item, TestFiles.Organization("hybrid.xml"), CancellationToken.None);

        var applied = Assert.IsType<LazyReadOnlyList<string>>(run.AppliedRules);
        var idle = Assert.IsType<LazyReadOnlyList<string>>(run.IdleRules);
        Assert.False(applied.IsComputed);
        Assert.False(idle.IsComputed);
        Assert.Contains(run.Events, e => e.Contains("changed by rule(s) External banner", System.StringComparison.Ordinal));

        Assert.Equal(new[] { "External banner" }, run.AppliedRules.ToArray());
        Assert.Empty(run.IdleRules);
        Assert.True(applied.IsComputed);
        Assert.True(idle.IsComputed);
        Assert.Contains("[External sender]", Encoding.UTF8.GetString(Assert.Single(run.Delivered).Mime), System.StringComparison.Ordinal);
    }
}
