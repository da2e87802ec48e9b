using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Compilation;

/// <summary>
/// On mail from outside, an exception on a body kind (signed, encrypted, report, meeting) exempts only the body: the
/// rule's subject and header actions still apply. From inside, exceptions mean what they always meant.
/// </summary>
public sealed class BodyExemptionTests
{
    [Theory]
    [InlineData(SubmissionOrigin.Anonymous)]
    [InlineData(SubmissionOrigin.Unknown)]
    public void Evaluate_SignedMessageFromOutsideExceptedAsSigned_KeepsTheHeaderAction(SubmissionOrigin origin)
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule("<senderDomain><value>fabrikam.com</value></senderDomain>", "<messageType>signed encrypted</messageType>"));
        var message = new TestMessage { From = "sam@fabrikam.com", Origin = origin };
        message.Content.Traits = MessageTraits.Signed;

        var result = folder.Load().Evaluate(message.Build());

        var trace = Assert.Single(result.Trace.Rules);
        Assert.True(trace.Applied);
        Assert.StartsWith("applied (header-level actions only): exception met for the body only", trace.Reason, System.StringComparison.Ordinal);
        Assert.IsType<HeaderAction>(Assert.Single(result.Copies.Single().Actions));
    }

    [Fact]
    public void Evaluate_SignedMessageFromInsideExceptedAsSigned_IsExemptAsWritten()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule("<senderDomain><value>contoso.com</value></senderDomain>", "<messageType>signed</messageType>"));
        var message = TestMessage.Internal();
        message.Content.Traits = MessageTraits.Signed;

        var result = folder.Load().Evaluate(message.Build());

        Assert.False(Assert.Single(result.Trace.Rules).Applied);
        Assert.Empty(result.Copies.SelectMany(copy => copy.Actions));
    }

    [Fact]
    public void Evaluate_ExceptionThatHoldsWithoutTheBodyKind_StillExemptsMailFromOutside()
    {
        // The subject exception holds on its own: the rule is exempt as written, whatever the body kind.
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(
            "<senderDomain><value>fabrikam.com</value></senderDomain>",
            "<messageType>signed</messageType><subjectContains><value>numbers</value></subjectContains>"));
        var message = new TestMessage { From = "sam@fabrikam.com", Origin = SubmissionOrigin.Anonymous };
        message.Content.Traits = MessageTraits.Signed;

        var result = folder.Load().Evaluate(message.Build());

        Assert.False(Assert.Single(result.Trace.Rules).Applied);
    }

    [Fact]
    public void Evaluate_AutoReplyExceptionFromOutside_IsNotABodyKind()
    {
        // An auto-reply trait reaches the engine from outside only when Exchange's own headers prove it (the MIME reader
        // drops the sender's claims), so the exception applies as written.
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule("<senderDomain><value>fabrikam.com</value></senderDomain>", "<messageType>autoReply</messageType>"));
        var message = new TestMessage { From = "sam@fabrikam.com", Origin = SubmissionOrigin.Anonymous };
        message.Content.Traits = MessageTraits.AutoReply;

        Assert.False(Assert.Single(folder.Load().Evaluate(message.Build()).Trace.Rules).Applied);
    }
}
