using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Compilation;

/// <summary>messageContainsText searches the newest part of the body by default, the whole body on request.</summary>
public sealed class MessageContainsTextScopeTests
{
    private const string _signature = "Kind regards, Alice";

    private static bool Applies(string condition, string body, string? newestPart)
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(condition));
        var message = TestMessage.Internal();
        message.Content.Body = body;
        message.Content.NewestPart = newestPart;
        return Assert.Single(folder.Load().Evaluate(message.Build()).Trace.Rules).Applied;
    }

    [Fact]
    public void Default_TextOnlyInQuotedHistory_DoesNotHold()
    {
        var condition = "<messageContainsText><value>" + _signature + "</value></messageContainsText>";

        Assert.False(Applies(condition, "Thanks!\n\nOn Monday Alice wrote:\n> Hi\n> " + _signature, "Thanks!\n\n"));
    }

    [Fact]
    public void Default_TextInTheNewestPart_Holds()
    {
        var condition = "<messageContainsText><value>" + _signature + "</value></messageContainsText>";

        Assert.True(Applies(condition, "Thanks!\nkind regards, alice\n\nOn Monday Bob wrote:\n> Hi", "Thanks!\nkind regards, alice\n\n"));
    }

    [Fact]
    public void ExplicitNewestPart_IsTheDefault()
    {
        var condition = "<messageContainsText scope=\"newestPart\"><value>" + _signature + "</value></messageContainsText>";

        Assert.False(Applies(condition, "Thanks!\n> " + _signature, "Thanks!\n"));
    }

    [Fact]
    public void WholeBody_TextOnlyInQuotedHistory_Holds()
    {
        var condition = "<messageContainsText scope=\"wholeBody\"><value>" + _signature + "</value></messageContainsText>";

        Assert.True(Applies(condition, "Thanks!\n\nOn Monday Alice wrote:\n> Hi\n> " + _signature, "Thanks!\n\n"));
    }

    [Fact]
    public void Trace_NamesTheScope()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule("<messageContainsText><value>x-y-z</value></messageContainsText>"));
        var message = TestMessage.Internal();
        message.Content.Body = "nothing";

        var trace = Assert.Single(folder.Load().Evaluate(message.Build()).Trace.Rules);

        Assert.Equal("not applied: condition not met: the newest part of the message already contains 'x-y-z'", trace.Reason);
    }
}
