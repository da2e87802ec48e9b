using System;
using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Processing;
using Xunit;

namespace ExchangeRules.Harness.Tests.Transport;

/// <summary>
/// What the in-process transport reports besides the delivered items: one line per decision, the rules that acted
/// and the rules that matched without effect (idle), found without looking through the outcomes for every rule.
/// </summary>
public class ProcessorTransportTests
{
    private const string _incoming = "From: someone@internet.example\r\nTo: alice@contoso.com\r\nSubject: Hello\r\nMessage-ID: <1@internet.example>\r\n\r\nHello Alice\r\n";

    [Fact]
    public void Run_ReportsTheRuleThatActed_AndNoIdleRule()
    {
        var transport = RealProcessing.Transport("banner-and-disclaimer.xml");
        var item = new TransportItem("someone@internet.example", new[] { "alice@contoso.com" }, Encoding.ASCII.GetBytes(_incoming));

        var run = transport.Run(item, TestFiles.Organization("hybrid.xml"), CancellationToken.None);

        Assert.Contains(run.Events, e => e.Contains("changed by rule(s) External banner", StringComparison.Ordinal));
        Assert.Equal(new[] { "External banner" }, run.AppliedRules.ToArray());
        Assert.Empty(run.IdleRules);
        Assert.Contains("[External sender]", Encoding.UTF8.GetString(Assert.Single(run.Delivered).Mime), StringComparison.Ordinal);
    }

    [Fact]
    public void IdleRules_OnlyRulesWithAnOutcomeThatDidNotApply_InTheTracesOrder()
    {
        var rules = new[]
        {
            new RuleTrace("Quiet", applied: false, "conditions not met"),
            new RuleTrace("Empty block", applied: false, "conditions met, not applied: the block rendered empty"),
            new RuleTrace("Acted", applied: true, "applied"),
            new RuleTrace("Refused", applied: false, "conditions met, not applied: the part is signed"),
        };
        var result = new ProcessingResult
        {
            Trace = new EvaluationTrace(rules),
            ActionOutcomes = new[]
            {
                new ActionOutcome(Insert("Refused", InsertionKind.Disclaimer, "<p>html</p>", "text"), ActionStatus.Skipped, "signed"),
                new ActionOutcome(Insert("Acted", InsertionKind.Banner, "<p>html</p>", "text"), ActionStatus.Applied, string.Empty),
                new ActionOutcome(Insert("Empty block", InsertionKind.Signature, "<p>&nbsp;</p>", " "), ActionStatus.Skipped, "empty"),
            },
        };

        var idle = IdleRules.Describe(result).ToList();

        Assert.Equal(2, idle.Count);
        Assert.StartsWith("Empty block (matched, but its signature block rendered empty for this message", idle[0], StringComparison.Ordinal);
        Assert.Equal("Refused (matched, but did not act: the part is signed)", idle[1]);
        Assert.Empty(IdleRules.Describe(new ProcessingResult { Trace = new EvaluationTrace(rules) }));
    }

    private static InsertContentAction Insert(string rule, InsertionKind kind, string html, string text) =>
        new(rule, FailurePolicy.FailOpen, kind, html, text, Placement.Bottom, skipIfPresent: false, Array.Empty<InlineImage>());
}
