using System;
using System.Linq;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Loading;

/// <summary>
/// Deeply nested conditions: rejected with the location of the first group too deep, on a 1 MB stack (Exchange's
/// transport threads), before any recursive code sees them; the deepest allowed rule loads and evaluates there.
/// </summary>
public sealed class NestingDepthTests
{
    private const string _leaf = "<subjectContains><value>numbers</value></subjectContains>";

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Repeat("<not>", depth)) + _leaf + string.Concat(Enumerable.Repeat("</not>", depth));

    /// <summary>The rules document with each nested &lt;not&gt; on its own line, so the expected line is easy to compute.</summary>
    private static string NestedDocument(int depth) =>
        RuleFolder.SingleRule(Environment.NewLine + string.Concat(Enumerable.Repeat("<not>" + Environment.NewLine, depth)) + _leaf + string.Concat(Enumerable.Repeat("</not>", depth)));

    [Fact]
    public void Validate_EightThousandNestedNots_OnAOneMegabyteStack_ReportsTheFirstGroupTooDeepWithItsLocation()
    {
        using var folder = new RuleFolder().WriteRules(NestedDocument(8000));
        var firstNotLine = Array.FindIndex(System.IO.File.ReadAllLines(folder.RulesPath), line => line == "<not>") + 1;

        var errors = SmallStack.Run(() => RuleSetLoader.Validate(folder.RulesPath, folder.Compiler));

        var error = Assert.Single(errors);
        Assert.Equal(folder.RulesPath, error.Path);
        Assert.Equal(firstNotLine + 32, error.Line);
        Assert.Equal(2, error.Column); // XML line information points at the element name, after '<'.
        Assert.Contains("nested more than 32 condition groups", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ThirtyThreeNestedGroups_IsRejected()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(Nested(33)));

        var exception = Assert.Throws<RuleConfigurationException>(() => folder.Load());

        Assert.Contains("nested more than 32 condition groups", Assert.Single(exception.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadAndEvaluate_ThirtyTwoNestedNots_OnAOneMegabyteStack_Works()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(Nested(32)));

        // 32 nots cancel out: the rule applies when the subject contains "numbers" (the test message's does).
        var applied = SmallStack.Run(() => folder.Load().Evaluate(TestMessage.Internal().Build()).Trace.Rules[0].Applied);

        Assert.True(applied);
    }

    [Fact]
    public void Load_ConfiguredDepth_IsTheLimit()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(Nested(5)));

        var exception = Assert.Throws<RuleConfigurationException>(() => folder.Load(new RuleLoadOptions { MaxConditionDepth = 4 }));

        Assert.Contains("nested more than 4 condition groups", Assert.Single(exception.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeepUnknownElements_OnAOneMegabyteStack_AreRejectedWithoutCrashing()
    {
        var deep = string.Concat(Enumerable.Repeat("<x>", 20000)) + string.Concat(Enumerable.Repeat("</x>", 20000));
        using var folder = new RuleFolder().WriteRules(RuleFolder.SingleRule(_leaf).Replace("<actions>", "<actions>" + deep, StringComparison.Ordinal));

        var errors = SmallStack.Run(() => RuleSetLoader.Validate(folder.RulesPath, folder.Compiler));

        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.True(error.Line > 0, error.ToString()));
    }
}
