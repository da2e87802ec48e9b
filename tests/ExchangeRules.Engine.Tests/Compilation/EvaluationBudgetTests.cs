using System;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Compilation;

/// <summary>The message's budget is checked inside evaluation: before each rule and each recipient.</summary>
public class EvaluationBudgetTests
{
    private static string Rules(string policy) => _perRecipientRules.Replace("{0}", policy, StringComparison.Ordinal);

    private const string _perRecipientRules = """
        <rule name="Per recipient">
          <conditions><recipientAttribute name="department"><value>Engineering</value></recipientAttribute></conditions>
          <actions><setHeader name="X-A">1</setHeader></actions>
          <options onFailure="{0}" />
        </rule>
        <rule name="Later"><actions><setHeader name="X-B">1</setHeader></actions></rule>
        """;

    [Theory]
    [InlineData("failOpen", false)]
    [InlineData("failClosed", true)]
    public void Evaluate_BudgetSpentInsideThePerRecipientLoop_StopsThereAndTheRuleFailsUnderItsPolicy(string policy, bool required)
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(Rules(policy)));
        using var budget = new CancellationTokenSource();
        var directory = new CancellingDirectory(FakeDirectory.Contoso(), budget, cancelAfterLookups: 3);
        var message = TestMessage.Internal();
        message.To = Enumerable.Range(0, 200).Select(i => $"user{i}@contoso.com").ToArray();
        message.Directory = directory;
        var context = message.Build();

        var result = folder.Load().Evaluate(new MessageContext(context.Envelope, context.Content, context.Organization, context.Directory, context.Now) { CancellationToken = budget.Token });

        Assert.True(result.Cancelled);
        Assert.True(directory.Lookups <= 4, $"the loop stopped at the budget ({directory.Lookups} lookups for 200 recipients)");
        Assert.True(result.Trace.Rules[0].Failed);
        Assert.Contains("time budget", result.Trace.Rules[0].Reason, StringComparison.Ordinal);
        Assert.True(result.Trace.Rules[1].Failed, "a rule after the budget is spent is not evaluated");
        Assert.Equal(required, result.RequiredRuleFailed);
    }

    [Fact]
    public void Evaluate_TokenNotCancelled_EvaluatesEveryRecipient()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(Rules("failClosed")));
        using var budget = new CancellationTokenSource();
        var directory = new CancellingDirectory(FakeDirectory.Contoso(), budget, cancelAfterLookups: int.MaxValue);
        var message = TestMessage.Internal();
        message.To = Enumerable.Range(0, 20).Select(i => $"user{i}@contoso.com").ToArray();
        message.Directory = directory;
        var context = message.Build();

        var result = folder.Load().Evaluate(new MessageContext(context.Envelope, context.Content, context.Organization, context.Directory, context.Now) { CancellationToken = budget.Token });

        Assert.False(result.Cancelled);
        Assert.False(result.RequiredRuleFailed);
        Assert.True(directory.Lookups >= 20);
    }

    /// <summary>A directory whose lookups take "time": after a number of them the budget is spent.</summary>
    private sealed class CancellingDirectory : IDirectory
    {
        private readonly IDirectory _inner;
        private readonly CancellationTokenSource _budget;
        private readonly int _cancelAfterLookups;

        public CancellingDirectory(IDirectory inner, CancellationTokenSource budget, int cancelAfterLookups)
        {
            _inner = inner;
            _budget = budget;
            _cancelAfterLookups = cancelAfterLookups;
        }

        public int Lookups { get; private set; }

        public DirectoryEntry? FindBySmtpAddress(string smtpAddress)
        {
            if (++Lookups >= _cancelAfterLookups)
            {
                _budget.Cancel();
            }

            return _inner.FindBySmtpAddress(smtpAddress);
        }

        public bool IsMemberOf(string smtpAddress, string group) => _inner.IsMemberOf(smtpAddress, group);
    }
}
