using System.Threading;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Tests.Support;
using Serilog;
using Serilog.Events;
using Xunit;

namespace ExchangeRules.Processing.Tests.Logging;

/// <summary>The per-message event: the rule list of a large set, with and without reasons, and no event below Information.</summary>
public sealed class MessageSummaryEventTests
{
    private readonly FakeEditor _editor = new();
    private readonly CollectingSink _log = new();

    [Fact]
    public void Process_SeveralRulesAppliedAmongOthers_ListsTheAppliedOnesInRuleOrder()
    {
        Process(Plan(), LogEventLevel.Information, logContent: false);

        var summary = Assert.Single(_log.WithEventId((int)LogEventId.MessageProcessed));
        Assert.Equal("\"First, Third\"", summary.Properties["RulesApplied"].ToString());
        Assert.Equal("\"SetHeader X-First@First:Applied, SetHeader X-Third@Third:Applied\"", summary.Properties["Actions"].ToString());
    }

    [Fact]
    public void Process_ContentLoggingOn_ListsEachAppliedRuleWithItsReason()
    {
        Process(Plan(), LogEventLevel.Information, logContent: true);

        var summary = Assert.Single(_log.WithEventId((int)LogEventId.MessageProcessed));
        Assert.Equal("\"First(recipient outside), Third(subject contains invoice)\"", summary.Properties["RulesApplied"].ToString());
    }

    [Fact]
    public void Process_LoggingAtWarning_WritesNoSummaryEvent()
    {
        var result = Process(Plan(), LogEventLevel.Warning, logContent: false);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.Empty(_log.WithEventId((int)LogEventId.MessageProcessed));
    }

    [Fact]
    public void Process_LaterRuleNotApplied_TraceSaysSoAndKeepsTheRulesBeforeIt()
    {
        _editor.Fails = action => action.RuleName == "Third";

        var result = Process(Plan(), LogEventLevel.Information, logContent: false);

        var rules = result.Trace!.Rules;
        Assert.Equal(new[] { "First", "Second", "Third" }, new[] { rules[0].RuleName, rules[1].RuleName, rules[2].RuleName });
        Assert.True(rules[0].Applied);
        Assert.Equal("recipient outside", rules[0].Reason);
        Assert.False(rules[1].Applied);
        Assert.False(rules[2].Applied);
        Assert.StartsWith("conditions met, not applied: template failed", rules[2].Reason, System.StringComparison.Ordinal);
        Assert.Equal("\"First\"", Assert.Single(_log.WithEventId((int)LogEventId.MessageProcessed)).Properties["RulesApplied"].ToString());
    }

    [Fact]
    public void ProcessRecipientChanges_NoRuleChangesRecipients_WritesNoEventSoTheMessageHasOne()
    {
        var processor = Processor(Plan(), LogEventLevel.Information);

        var probe = processor.ProcessRecipientChanges(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);
        var content = processor.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);
        content.Mime?.Dispose();

        Assert.Equal(ProcessingOutcome.Unchanged, probe.Outcome);
        var summary = Assert.Single(_log.WithEventId((int)LogEventId.MessageProcessed));
        Assert.Equal("\"First, Third\"", summary.Properties["RulesApplied"].ToString());
    }

    [Fact]
    public void ProcessRecipientChanges_RuleAddsABlindCopy_WritesItsEventNamingTheChange()
    {
        var bcc = new RecipientAction("Archive", FailurePolicy.FailOpen, RecipientChange.Bcc, "archive@contoso.com");
        var plan = new FakePlan(context => new EvaluationResult(
            new[] { new CopyDecision(context.Envelope.Recipients, new PlannedAction[] { bcc, Header("First") }) },
            new EvaluationTrace(new[] { new RuleTrace("Archive", true, "always"), new RuleTrace("First", true, "recipient outside") })));

        var probe = Processor(plan, LogEventLevel.Information).ProcessRecipientChanges(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, probe.Outcome);
        var summary = Assert.Single(_log.WithEventId((int)LogEventId.MessageProcessed));
        Assert.Equal("\"Bcc@Archive:ForHost\"", summary.Properties["Actions"].ToString());
    }

    private static FakePlan Plan() => new(context => new EvaluationResult(
        new[] { new CopyDecision(context.Envelope.Recipients, new PlannedAction[] { Header("First"), Header("Third") }) },
        new EvaluationTrace(new[]
        {
            new RuleTrace("First", true, "recipient outside"),
            new RuleTrace("Second", false, "sender not in group"),
            new RuleTrace("Third", true, "subject contains invoice"),
        })));

    private static HeaderAction Header(string rule) => new(rule, FailurePolicy.FailOpen, "X-" + rule, "1");

    private MessageProcessor Processor(FakePlan plan, LogEventLevel level, bool logContent = false)
    {
        var logger = new LoggerConfiguration().MinimumLevel.Is(level).WriteTo.Sink(_log).CreateLogger();
        return new MessageProcessor(() => plan, _editor, null, new ProcessingOptions { LogMessageContent = logContent }, logger);
    }

    private ProcessingResult Process(FakePlan plan, LogEventLevel level, bool logContent)
    {
        var processor = Processor(plan, level, logContent);
        var result = processor.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);
        result.Mime?.Dispose();
        return result;
    }
}
