using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Compilation;

/// <summary>
/// The recipient stage (<see cref="RulePlan.EvaluateRecipientChanges"/>), evaluated where Exchange lets recipients be
/// added: only the rules that add, copy or redirect recipients and the stop-processing rules before them are
/// evaluated, and they decide exactly what a full evaluation decides about recipients.
/// </summary>
public sealed class RulePlanRecipientStageTests
{
    private const string _signature = """
        <rule name="Signature">
          <actions><addSignature template="sig"/><prependSubject>[SIG]</prependSubject></actions>
        </rule>
        """;

    private const string _archive = """
        <rule name="Archive">
          <conditions><senderScope>inside</senderScope></conditions>
          <actions><addBcc>archive@contoso.com</addBcc><setHeader name="X-Archived">yes</setHeader></actions>
        </rule>
        """;

    [Fact]
    public void EvaluateRecipientChanges_ContentOnlyRules_AreNotEvaluated_AndOnlyTheRecipientChangeIsReturned()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(_signature + _archive));

        var result = folder.Load().EvaluateRecipientChanges(TestMessage.Internal().Build());

        Assert.Equal(RulePlan.NotInRecipientStage, result.Trace.Rules[0].Reason);
        Assert.False(result.Trace.Rules[0].Applied);
        Assert.True(result.Trace.Rules[1].Applied);
        var change = Assert.IsType<RecipientAction>(Assert.Single(Assert.Single(result.Copies).Actions));
        Assert.Equal("archive@contoso.com", change.Address);
    }

    [Fact]
    public void EvaluateRecipientChanges_NoRecipientRule_EvaluatesNothing()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(_signature));
        var plan = folder.Load();

        var result = plan.EvaluateRecipientChanges(TestMessage.Internal().Build());

        Assert.False(plan.MayChangeRecipients);
        Assert.Empty(Assert.Single(result.Copies).Actions);
        Assert.All(result.Trace.Rules, rule => Assert.Equal(RulePlan.NotInRecipientStage, rule.Reason));
    }

    [Fact]
    public void EvaluateRecipientChanges_AnEarlierStopProcessingRuleThatApplies_KeepsTheRecipientRuleFromApplying()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Stop for the board">
              <conditions><subjectContains><value>board</value></subjectContains></conditions>
              <actions><prependSubject>[BOARD]</prependSubject></actions>
              <options stopProcessing="true"/>
            </rule>
            """ + _archive + _signature));
        var plan = folder.Load();
        var message = TestMessage.Internal();
        message.Content.Subject = "board minutes";
        var board = message.Build();

        var stage = plan.EvaluateRecipientChanges(board);
        var full = plan.Evaluate(board);

        Assert.True(stage.Trace.Rules[0].Applied);
        Assert.Empty(Assert.Single(stage.Copies).Actions);
        Assert.DoesNotContain(Assert.Single(full.Copies).Actions, action => action is RecipientAction);
        Assert.Equal(RulePlan.NotInRecipientStage, stage.Trace.Rules[2].Reason);
    }

    [Fact]
    public void EvaluateRecipientChanges_AStopProcessingRuleThatDoesNotApply_LetsTheRecipientRuleApply()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Stop for the board">
              <conditions><subjectContains><value>board</value></subjectContains></conditions>
              <actions><prependSubject>[BOARD]</prependSubject></actions>
              <options stopProcessing="true"/>
            </rule>
            """ + _archive));
        var plan = folder.Load();
        var message = TestMessage.Internal().Build();

        var stage = plan.EvaluateRecipientChanges(message);
        var full = plan.Evaluate(message);

        Assert.Equal(
            Assert.Single(full.Copies).Actions.OfType<RecipientAction>().Select(a => a.Address),
            Assert.Single(stage.Copies).Actions.OfType<RecipientAction>().Select(a => a.Address));
        Assert.Equal(new[] { "archive@contoso.com" }, Assert.Single(stage.Copies).Actions.OfType<RecipientAction>().Select(a => a.Address));
    }

    [Fact]
    public void EvaluateRecipientChanges_StopProcessingRulesAfterTheLastRecipientRule_AreNotEvaluated()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(_archive + """
            <rule name="Stop later">
              <actions><prependSubject>[X]</prependSubject></actions>
              <options stopProcessing="true"/>
            </rule>
            """));

        var result = folder.Load().EvaluateRecipientChanges(TestMessage.Internal().Build());

        Assert.Equal(RulePlan.NotInRecipientStage, result.Trace.Rules[1].Reason);
    }
}
