using System;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Loading;

/// <summary>A rule's &lt;specialMessages&gt; option: validated with locations, compiled into the plan, carried on every action.</summary>
public sealed class SpecialMessagesTests
{
    private static string Rule(string actions, string options) =>
        RuleFolder.Document($"""
          <rule name="Special">
            <conditions><senderDomain><value>contoso.com</value></senderDomain></conditions>
            <actions>{actions}</actions>
            <options>{options}</options>
          </rule>
        """);

    private static System.Collections.Generic.IReadOnlyList<PlannedAction> Actions(string actions, string options)
    {
        using var folder = new RuleFolder().WriteRules(Rule(actions, options));
        var result = folder.Load().Evaluate(TestMessage.Internal().Build());
        return Assert.Single(result.Copies).Actions;
    }

    private static System.Collections.Generic.IReadOnlyList<RuleError> Errors(string actions, string options)
    {
        using var folder = new RuleFolder().WriteRules(Rule(actions, options));
        return RuleSetLoader.Validate(folder.RulesPath, folder.Compiler);
    }

    [Fact]
    public void Load_EverySettingGiven_EachActionCarriesThePolicy()
    {
        var actions = Actions(
            "<addDisclaimer template=\"sig\"/><prependSubject>[EXT]</prependSubject><setHeader name=\"X-Tag\">1</setHeader>",
            "<specialMessages signedOrEncrypted=\"wrap\" meetings=\"stamp\" autoReplies=\"stamp\" reports=\"edit\" systemMessages=\"stamp\"/>");

        Assert.Equal(3, actions.Count);
        Assert.All(actions, action =>
        {
            Assert.Equal(SignedOrEncryptedHandling.Wrap, action.SpecialMessages.SignedOrEncrypted);
            Assert.True(action.SpecialMessages.StampMeetings);
            Assert.True(action.SpecialMessages.StampAutoReplies);
            Assert.True(action.SpecialMessages.EditReports);
            Assert.True(action.SpecialMessages.StampSystemMessages);
        });
        Assert.Single(actions.Select(action => action.SpecialMessages).Distinct());
    }

    [Fact]
    public void Load_SomeSettingsGiven_TheOthersAreLeave()
    {
        var action = Assert.Single(Actions("<addSignature template=\"sig\"/>", "<specialMessages meetings=\"stamp\"/>"));

        Assert.True(action.SpecialMessages.StampMeetings);
        Assert.Equal(SignedOrEncryptedHandling.Leave, action.SpecialMessages.SignedOrEncrypted);
        Assert.False(action.SpecialMessages.StampAutoReplies);
        Assert.False(action.SpecialMessages.EditReports);
        Assert.False(action.SpecialMessages.StampSystemMessages);
        Assert.NotSame(SpecialMessagePolicy.Default, action.SpecialMessages);
    }

    [Fact]
    public void Load_WithoutSpecialMessages_ActionsCarryTheDefaultInstance()
    {
        var action = Assert.Single(Actions("<addSignature template=\"sig\"/>", "<schedule timeZone=\"UTC\"/>"));

        Assert.Same(SpecialMessagePolicy.Default, action.SpecialMessages);
    }

    [Fact]
    public void Load_SpecialMessagesBeforeSchedule_IsAccepted()
    {
        var errors = Errors("<addSignature template=\"sig\"/>", "<specialMessages autoReplies=\"stamp\"/><schedule timeZone=\"UTC\"/>");

        Assert.Empty(errors);
    }

    [Fact]
    public void PlannedAction_ConstructedWithoutPolicy_HasTheDefault()
    {
        var action = new HeaderAction("R", FailurePolicy.FailOpen, "X-A", "1");

        Assert.Same(SpecialMessagePolicy.Default, action.SpecialMessages);
        Assert.Equal(SignedOrEncryptedHandling.Leave, action.SpecialMessages.SignedOrEncrypted);
        Assert.False(action.SpecialMessages.StampMeetings || action.SpecialMessages.StampAutoReplies || action.SpecialMessages.EditReports || action.SpecialMessages.StampSystemMessages);
    }

    [Fact]
    public void Validate_UnknownValue_IsASchemaErrorWithItsLocation()
    {
        var error = Assert.Single(Errors("<addSignature template=\"sig\"/>", "<specialMessages meetings=\"yes\"/>"));

        Assert.Equal(12, error.Line);
        Assert.True(error.Column > 0);
        Assert.Contains("meetings", error.Message, StringComparison.Ordinal);
        Assert.Contains("yes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrapWithoutABodyInsertion_IsAConflictAtTheAttribute()
    {
        var error = Assert.Single(Errors("<setHeader name=\"X-Tag\">1</setHeader>", "<specialMessages signedOrEncrypted=\"wrap\"/>"));

        Assert.Equal(12, error.Line);
        Assert.True(error.Column > "    <options><specialMessages".Length, error.ToString());
        Assert.Contains("conflicting options: signedOrEncrypted=\"wrap\"", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"rules\.xml:12:\d+: conflicting options", error.ToString());
    }

    [Fact]
    public void Validate_StampMeetingsWithoutABodyInsertion_IsAConflict()
    {
        var error = Assert.Single(Errors("<prependSubject>[EXT]</prependSubject>", "<specialMessages meetings=\"stamp\"/>"));

        Assert.Contains("conflicting options: meetings=\"stamp\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EditReportsWithoutASubjectOrHeaderAction_IsAConflict()
    {
        var error = Assert.Single(Errors("<addDisclaimer template=\"sig\"/>", "<specialMessages reports=\"edit\"/>"));

        Assert.Contains("conflicting options: reports=\"edit\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("autoReplies")]
    [InlineData("systemMessages")]
    public void Validate_StampWithOnlyHostActions_IsAConflict(string attribute)
    {
        var error = Assert.Single(Errors("<addBcc>archive@contoso.com</addBcc>", $"<specialMessages {attribute}=\"stamp\"/>"));

        Assert.Equal(12, error.Line);
        Assert.Contains($"conflicting options: {attribute}=\"stamp\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_StampAutoRepliesWithAHeaderAction_IsValid()
    {
        Assert.Empty(Errors("<setHeader name=\"X-Tag\">1</setHeader>", "<specialMessages autoReplies=\"stamp\" systemMessages=\"stamp\"/>"));
    }

    [Fact]
    public void Validate_WrapWithABanner_IsValid()
    {
        Assert.Empty(Errors("<addBanner template=\"sig\"/>", "<specialMessages signedOrEncrypted=\"wrap\" systemMessages=\"stamp\"/>"));
    }

    [Fact]
    public void Load_TnefSettingsLeftOut_RtfBodiesAndVotingButtonsAreStamped()
    {
        var action = Assert.Single(Actions("<addSignature template=\"sig\"/>", "<specialMessages meetings=\"stamp\"/>"));

        Assert.True(action.SpecialMessages.StampRtfBodies);
        Assert.True(action.SpecialMessages.StampVotingButtons);
        Assert.True(SpecialMessagePolicy.Default.StampRtfBodies && SpecialMessagePolicy.Default.StampVotingButtons);
    }

    [Fact]
    public void Load_TnefSettingsLeave_EachActionCarriesThem()
    {
        var action = Assert.Single(Actions("<addSignature template=\"sig\"/>", "<specialMessages rtfBodies=\"leave\" votingButtons=\"leave\"/>"));

        Assert.False(action.SpecialMessages.StampRtfBodies);
        Assert.False(action.SpecialMessages.StampVotingButtons);
    }

    [Theory]
    [InlineData("rtfBodies")]
    [InlineData("votingButtons")]
    public void Validate_TnefLeaveWithoutABodyInsertion_IsAConflict(string attribute)
    {
        var error = Assert.Single(Errors("<prependSubject>[EXT]</prependSubject>", $"<specialMessages {attribute}=\"leave\"/>"));

        Assert.Equal(12, error.Line);
        Assert.Contains($"conflicting options: {attribute}=\"leave\"", error.Message, StringComparison.Ordinal);
    }
}
