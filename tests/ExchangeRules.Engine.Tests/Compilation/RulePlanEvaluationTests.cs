using System;
using System.Globalization;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Compilation;

/// <summary>Splitting, ordering, explanations, schedules, laziness and the index.</summary>
public sealed class RulePlanEvaluationTests
{
    private const string _disclaimerForExternal = """
        <rule name="Disclaimer for external recipients">
          <conditions><direction>outgoing</direction></conditions>
          <actions><addDisclaimer template="sig"/></actions>
        </rule>
        """;

    [Fact]
    public void Evaluate_MixedRecipients_SplitsSoOnlyTheExternalCopyGetsTheDisclaimer()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(_disclaimerForExternal));
        var message = TestMessage.Outgoing("bob@contoso.com", "carol@fabrikam.com", "dan@contoso.de", "erin@northwind.com");

        var result = folder.Load().Evaluate(message.Build());

        Assert.Equal(2, result.Copies.Count);
        Assert.Equal(new[] { "bob@contoso.com", "dan@contoso.de" }, result.Copies[0].Recipients);
        Assert.Empty(result.Copies[0].Actions);
        Assert.Equal(new[] { "carol@fabrikam.com", "erin@northwind.com" }, result.Copies[1].Recipients);
        Assert.IsType<InsertContentAction>(Assert.Single(result.Copies[1].Actions));
        var trace = Assert.Single(result.Trace.Rules);
        Assert.True(trace.Applied);
        Assert.Equal(new[] { "carol@fabrikam.com", "erin@northwind.com" }, trace.Recipients);
        Assert.Equal("applied to 2 of 4 recipients (carol@fabrikam.com, erin@northwind.com); not applied: condition not met: message direction is outgoing (for bob@contoso.com)", trace.Reason);
    }

    [Fact]
    public void Evaluate_SameTreatmentForEveryone_DoesNotSplit()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(_disclaimerForExternal));

        var result = folder.Load().Evaluate(TestMessage.Outgoing("carol@fabrikam.com", "erin@northwind.com").Build());

        var copy = Assert.Single(result.Copies);
        Assert.Equal(2, copy.Recipients.Count);
        Assert.Single(copy.Actions);
    }

    [Fact]
    public void Evaluate_AnyRecipientQuantifier_AppliesToTheWholeMessage()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule("<recipientScope quantifier=\"any\">outside</recipientScope>"));

        var result = folder.Load().Evaluate(TestMessage.Outgoing("bob@contoso.com", "carol@fabrikam.com").Build());

        Assert.Single(Assert.Single(result.Copies).Actions);
    }

    [Fact]
    public void Evaluate_StopProcessingPerRecipient_LaterRulesStillApplyToTheOthers()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Internal tag">
              <conditions><recipientScope>inside</recipientScope></conditions>
              <actions><setHeader name="X-Internal">1</setHeader></actions>
              <options stopProcessing="true"/>
            </rule>
            <rule name="Everyone else">
              <actions><prependSubject>[EXT]</prependSubject></actions>
            </rule>
            """));

        var result = folder.Load().Evaluate(TestMessage.Outgoing("bob@contoso.com", "carol@fabrikam.com").Build());

        Assert.Equal(2, result.Copies.Count);
        Assert.IsType<HeaderAction>(Assert.Single(result.Copies[0].Actions));
        Assert.IsType<SubjectAction>(Assert.Single(result.Copies[1].Actions));
        Assert.Equal(new[] { "carol@fabrikam.com" }, result.Trace.Rules[1].Recipients);
    }

    [Fact]
    public void Evaluate_ActionsOfSeveralRules_KeepRuleOrder()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="A"><actions><setHeader name="X-A">1</setHeader></actions></rule>
            <rule name="B" enabled="false"><actions><setHeader name="X-B">1</setHeader></actions></rule>
            <rule name="C"><actions><setHeader name="X-C">1</setHeader></actions></rule>
            """));

        var result = folder.Load().Evaluate(TestMessage.Internal().Build());

        Assert.Equal(new[] { "X-A", "X-C" }, Assert.Single(result.Copies).Actions.Cast<HeaderAction>().Select(action => action.Name));
        Assert.Equal("not applied: the rule is disabled", result.Trace.Rules[1].Reason);
    }

    [Fact]
    public void Evaluate_SpoofedInternalFromTheInternet_IsIncomingNotInternal()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Banner"><conditions><direction>incoming</direction></conditions><actions><addBanner template="sig"/></actions></rule>
            <rule name="Signature"><conditions><senderScope>inside</senderScope></conditions><actions><addSignature template="sig"/></actions></rule>
            """));
        var spoofed = new TestMessage { From = "ceo@contoso.com", Origin = SubmissionOrigin.Anonymous };

        var result = folder.Load().Evaluate(spoofed.Build());

        Assert.True(result.Trace.Rules[0].Applied);
        Assert.False(result.Trace.Rules[1].Applied);
        Assert.Equal("not applied: condition not met: sender is inside the organisation", result.Trace.Rules[1].Reason);
    }

    [Fact]
    public void Evaluate_CloudMailboxRecipient_IsInternal()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule("<direction>internal</direction>"));
        var message = TestMessage.Internal();
        message.Organization = new FakeOrganization("contoso.com").WithCloudMailbox("cloudy@contoso.com");
        message.To = new[] { "cloudy@contoso.com" };

        Assert.True(folder.Load().Evaluate(message.Build()).Trace.Rules[0].Applied);
    }

    [Fact]
    public void Evaluate_ExceptionHolds_NamesTheException()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(
            "<senderDomain><value>contoso.com</value></senderDomain>",
            "<messageType>autoReply</messageType><subjectContains><value>numbers</value></subjectContains>"));

        var trace = Assert.Single(folder.Load().Evaluate(TestMessage.Internal().Build()).Trace.Rules);

        Assert.False(trace.Applied);
        Assert.Equal("not applied: exception met: subject contains 'numbers'", trace.Reason);
    }

    [Fact]
    public void Evaluate_FirstFailingConditionInDocumentOrderAmongEqualCost_IsNamed()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(
            "<subjectContains><value>nope</value></subjectContains><headerExists name=\"X-Nope\"/>"));

        var trace = Assert.Single(folder.Load().Evaluate(TestMessage.Internal().Build()).Trace.Rules);

        Assert.Equal("not applied: condition not met: subject contains 'nope'", trace.Reason);
    }

    [Fact]
    public void Evaluate_BodyConditions_RunLastAndOnlyWhenNeeded()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(
            "<bodyContains><value>invoice</value></bodyContains><senderDomain><value>fabrikam.com</value></senderDomain>"));
        var message = TestMessage.Internal();
        message.Content.Body = "invoice";

        var trace = Assert.Single(folder.Load().Evaluate(message.Build()).Trace.Rules);

        Assert.Equal(0, message.Content.BodyReads);
        Assert.Contains("sender domain", trace.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BodyReadOncePerMessage_EvenForManyRulesAndRecipients()
    {
        var rules = string.Concat(Enumerable.Range(0, 5).Select(i => $"<rule name=\"R{i}\"><conditions><recipientScope>inside</recipientScope><bodyContains><value>word{i}</value></bodyContains></conditions><actions><setHeader name=\"X-{i}\">1</setHeader></actions></rule>"));
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(rules));
        var message = TestMessage.Outgoing("bob@contoso.com", "dan@contoso.de");
        message.Content.Body = "word3";

        var result = folder.Load().Evaluate(message.Build());

        Assert.Equal(1, message.Content.BodyReads);
        Assert.True(result.Trace.Rules[3].Applied);
    }

    [Theory]
    [InlineData("2026-11-25T10:00:00Z", true)]
    [InlineData("2026-11-25T17:30:00Z", false)]
    [InlineData("2026-11-28T10:00:00Z", false)]
    [InlineData("2027-01-04T10:00:00Z", false)]
    public void Evaluate_Schedule_UsesTheNamedTimeZone(string utc, bool active)
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Office hours">
              <actions><setHeader name="X-Office">1</setHeader></actions>
              <options>
                <schedule timeZone="Europe/Berlin" from="2026-01-01T00:00:00" until="2026-12-31T23:59:59">
                  <weekdays>monday tuesday wednesday thursday friday</weekdays>
                  <hours from="08:00:00" until="18:00:00"/>
                </schedule>
              </options>
            </rule>
            """));
        var message = TestMessage.Internal();
        message.Now = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

        var trace = Assert.Single(folder.Load().Evaluate(message.Build()).Trace.Rules);

        Assert.Equal(active, trace.Applied);
        if (!active)
        {
            Assert.StartsWith("not applied: outside its schedule", trace.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Europe/Berlin")]
    public void Load_Schedule_AcceptsWindowsAndIanaIds(string zone)
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document($"<rule name=\"A\"><actions><deleteMessage/></actions><options><schedule timeZone=\"{zone}\"><hours from=\"22:00:00\" until=\"06:00:00\"/></schedule></options></rule>"));
        var message = TestMessage.Internal();
        message.Now = new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.Zero);

        Assert.True(Assert.Single(folder.Load().Evaluate(message.Build()).Trace.Rules).Applied);
    }

    [Fact]
    public void Evaluate_RegexTimeout_IsAFailureOfThatRuleOnly()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Catastrophic">
              <conditions><bodyMatches timeoutMilliseconds="1"><value>^(a+)+$</value></bodyMatches></conditions>
              <actions><setHeader name="X-A">1</setHeader></actions>
            </rule>
            <rule name="Fine"><actions><setHeader name="X-B">1</setHeader></actions></rule>
            """));
        var message = TestMessage.Internal();
        message.Content.Body = new string('a', 5000) + "!";

        var result = folder.Load().Evaluate(message.Build());

        Assert.True(result.Trace.Rules[0].Failed);
        Assert.True(result.Trace.Rules[1].Applied);
        Assert.False(result.RequiredRuleFailed);
    }

    [Fact]
    public void Evaluate_NoRecipients_StillEvaluatesMessageLevelRules()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(_disclaimerForExternal + "<rule name=\"Any\"><actions><setHeader name=\"X\">1</setHeader></actions></rule>"));
        var message = TestMessage.Internal();
        message.To = Array.Empty<string>();

        var result = folder.Load().Evaluate(message.Build());

        var copy = Assert.Single(result.Copies);
        Assert.Empty(copy.Recipients);
        Assert.IsType<HeaderAction>(Assert.Single(copy.Actions));
    }

    [Fact]
    public void Index_ThousandNonMatchingRules_AreFilteredWithoutFullEvaluation()
    {
        var rules = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            var condition = (i % 3) switch
            {
                0 => $"<senderDomain><value>partner{i}.example</value></senderDomain>",
                1 => $"<recipientDomain><value>customer{i}.example</value></recipientDomain>",
                _ => "<direction>incoming</direction>",
            };
            rules.Append(CultureInfo.InvariantCulture, $"<rule name=\"R{i}\"><conditions>{condition}<bodyContains><value>x</value></bodyContains></conditions><actions><setHeader name=\"X-{i}\">1</setHeader></actions></rule>");
        }

        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(rules.ToString()));
        var plan = folder.Load();
        var message = TestMessage.Outgoing("carol@fabrikam.com");
        var state = new EvaluationState(message.Build());

        var candidates = new RuleIndex(plan.Rules).Candidates(state).Rules;
        var result = plan.Evaluate(message.Build());

        Assert.Equal(0, RuleIndex.CountSet(candidates));
        Assert.Equal(0, message.Content.BodyReads);
        Assert.All(result.Trace.Rules, trace => Assert.StartsWith("not applied: condition not met: ", trace.Reason, StringComparison.Ordinal));
        Assert.Equal("not applied: condition not met: message direction is incoming", result.Trace.Rules[2].Reason);
    }

    [Fact]
    public void Index_RuleIndexedOnDomain_StillMatchesThatDomain()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Partner"><conditions><all><senderDomain><value>FABRIKAM.com</value></senderDomain></all><direction>incoming</direction></conditions><actions><addBanner template="sig"/></actions></rule>
            """));

        var result = folder.Load().Evaluate(TestMessage.Incoming("dave@fabrikam.com").Build());

        Assert.True(Assert.Single(result.Trace.Rules).Applied);
    }

    [Fact]
    public void Evaluate_DirectoryEntryIsLookedUpForTheTemplateModel()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("<rule name=\"S\"><actions><addSignature template=\"sig\"/></actions></rule>"));
        var message = TestMessage.Internal();
        message.From = "nobody@contoso.com";

        var action = Assert.IsType<InsertContentAction>(Assert.Single(Assert.Single(folder.Load().Evaluate(message.Build()).Copies).Actions));

        Assert.Equal("[text]-- Alice Archer", action.Text);
    }

    [Fact]
    public void Direction_EmptyEnvelopeSenderFromInside_IsStillDecidedByTheFromHeader()
    {
        var message = TestMessage.Internal();
        message.EnvelopeSender = string.Empty;
        var state = new EvaluationState(message.Build());

        Assert.Equal(MessageDirection.Internal, state.DirectionFor(null));
    }
}
