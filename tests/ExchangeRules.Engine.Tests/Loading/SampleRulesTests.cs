using System;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Tests.Support;
using ExchangeRules.Testing;
using Xunit;

namespace ExchangeRules.Engine.Tests.Loading;

/// <summary>The sample rules shipped in samples/rules validate and do what their names say.</summary>
public sealed class SampleRulesTests
{
    internal static string RepositoryFile(params string[] parts)
    {
        var path = Path.Combine(new[] { TestRepository.Root }.Concat(parts).ToArray());
        return File.Exists(path) ? path : throw new FileNotFoundException(string.Join('/', parts) + " is not in the repository.", path);
    }

    private static string SamplePath => RepositoryFile("samples", "rules", "rules.xml");

    [Fact]
    public void Validate_SampleRules_HasNoErrors()
    {
        Assert.Empty(RuleSetLoader.Validate(SamplePath, new FakeTemplateCompiler(rejectTags: false)));
    }

    [Fact]
    public void Evaluate_SampleRules_OutgoingToMixedRecipients_DisclaimerOnlyOnTheExternalCopy()
    {
        var plan = RuleSetLoader.Load(SamplePath, new FakeTemplateCompiler(rejectTags: false));

        var result = plan.Evaluate(TestMessage.Outgoing("bob@contoso.com", "carol@fabrikam.com").Build());

        Assert.Equal(2, result.Copies.Count);
        var internalCopy = result.Copies.Single(copy => copy.Recipients.Contains("bob@contoso.com"));
        var externalCopy = result.Copies.Single(copy => copy.Recipients.Contains("carol@fabrikam.com"));
        Assert.Equal(new[] { InsertionKind.Signature }, internalCopy.Actions.Cast<InsertContentAction>().Select(action => action.Kind));
        Assert.Equal(new[] { InsertionKind.Signature, InsertionKind.Disclaimer }, externalCopy.Actions.Cast<InsertContentAction>().Select(action => action.Kind));
        Assert.Equal(FailurePolicy.FailClosed, externalCopy.Actions[1].FailurePolicy);
        Assert.Single(((InsertContentAction)externalCopy.Actions[0]).Images);
    }

    [Fact]
    public void Evaluate_SampleRules_SpoofedInternalFromTheInternet_GetsBannerAndTagButNoSignature()
    {
        var plan = RuleSetLoader.Load(SamplePath, new FakeTemplateCompiler(rejectTags: false));
        var spoofed = new TestMessage { From = "ceo@contoso.com", Origin = Messages.SubmissionOrigin.Anonymous };

        var result = plan.Evaluate(spoofed.Build());

        var actions = Assert.Single(result.Copies).Actions;
        Assert.Equal(InsertionKind.Banner, Assert.IsType<InsertContentAction>(actions[0]).Kind);
        Assert.Equal("[EXT]", Assert.IsType<SubjectAction>(actions[1]).Text);
        Assert.False(result.Trace.Rules[0].Applied);
    }
}
