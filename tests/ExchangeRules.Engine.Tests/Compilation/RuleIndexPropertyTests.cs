using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ExchangeRules.Engine.Tests.Compilation;

/// <summary>
/// The rule index never skips a rule that would apply: over many generated rule sets and messages (nested all / any /
/// not groups, exceptions, stop processing, per-recipient splits, case and non-ASCII variants), indexed evaluation
/// decides exactly what brute-force evaluation of every rule decides.
/// </summary>
public sealed class RuleIndexPropertyTests
{
    private static readonly string[] _addresses =
    {
        "alice@contoso.com", "ALICE@Contoso.COM", "bob@contoso.com", "carol@fabrikam.com", "dave@FABRIKAM.com", "eve@tailspin.example", "user@ſub.example",
    };

    private static readonly string[] _domains = { "contoso.com", "CONTOSO.com", "fabrikam.com", "tailspin.example", "ſub.example", "sub.example" };

    private static readonly string[] _words =
    {
        "Project", "project", "STATUS", "status", "ſtatus", "Invoice", "42", "ıd", "ID", "straße", "STRASSE", "Café", "CAFÉ", "K", "\u212A", "x-y", "P-1", "p-12", "Alpha", "ALPHA", "beta", "😀",
    };

    private static readonly string[] _literals =
    {
        "project", "STATUS", "status", "invoice 42", "id", "ſ", "s", "é", "É", "ject st", "k", "P-1", "p-1", "alpha b", "Straße", "ss", "😀", "x",
    };

    [Property(MaxTest = 250)]
    public Property Evaluate_Indexed_DecidesLikeBruteForce(int seed)
    {
        var random = new Random(seed);
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(RandomRules(random, random.Next(1, 40))));
        var indexed = folder.Load();
        var bruteForce = new RulePlan(indexed.Rules, indexed.SourcePath, useIndex: false);
        var failures = new List<string>();
        for (var m = 0; m < 25; m++)
        {
            var message = RandomMessage(random);
            var expected = bruteForce.Evaluate(message.Build());
            var actual = indexed.Evaluate(Rebuild(message).Build());
            var difference = Difference(expected, actual);
            if (difference is not null)
            {
                failures.Add(difference);
            }
        }

        return (failures.Count == 0).Label(string.Join("; ", failures));
    }

    [Fact]
    public void Index_ThousandSubjectAndHeaderRules_OnlyTheRulesWhoseLiteralOccursAreCandidates()
    {
        var rules = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            var condition = i % 2 == 0
                ? $"<subjectContains><value>Project {i} status</value></subjectContains>"
                : $"<headerContains name=\"X-Project\"><value>P-{i}</value></headerContains>";
            rules.Append(CultureInfo.InvariantCulture, $"<rule name=\"R{i}\"><conditions>{condition}</conditions><actions><setHeader name=\"X-{i}\">1</setHeader></actions></rule>");
        }

        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(rules.ToString()));
        var plan = folder.Load();
        var message = TestMessage.Internal();
        message.Content.Subject = "RE: project 10 STATUS";
        message.Content.Header("X-Project", "p-11");

        var candidates = new RuleIndex(plan.Rules).Candidates(new EvaluationState(message.Build())).Rules;
        var result = plan.Evaluate(Rebuild(message).Build());

        // "p-11" contains both P-11 and P-1 (a substring); P-110 .. P-119 are longer than the value.
        Assert.Equal(new[] { 1, 10, 11 }, Enumerable.Range(0, 1000).Where(i => RuleIndex.Contains(candidates, i)));
        Assert.Equal(new[] { "R1", "R10", "R11" }, result.Trace.Rules.Where(trace => trace.Applied).Select(trace => trace.RuleName));
        Assert.Equal("not applied: condition not met: subject contains 'Project 0 status'", result.Trace.Rules[0].Reason);
        Assert.Equal("not applied: condition not met: header X-Project contains 'P-3'", result.Trace.Rules[3].Reason);
    }

    [Fact]
    public void Index_ExactSenderAndRecipientAddresses_OnlyThoseRulesAreCandidates()
    {
        var rules = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            var condition = i % 2 == 0
                ? $"<senderAddress><value>user{i}@contoso.com</value></senderAddress>"
                : $"<recipientAddress quantifier=\"any\"><value>team{i}@contoso.com</value></recipientAddress>";
            rules.Append(CultureInfo.InvariantCulture, $"<rule name=\"R{i}\"><conditions>{condition}</conditions><actions><setHeader name=\"X-{i}\">1</setHeader></actions></rule>");
        }

        using var folder = new RuleFolder().WriteRules(RuleFolder.Document(rules.ToString()));
        var message = new TestMessage { From = "USER42@contoso.com", To = new[] { "bob@contoso.com", "Team7@Contoso.com" } };

        var candidates = new RuleIndex(folder.Load().Rules).Candidates(new EvaluationState(message.Build())).Rules;

        Assert.Equal(new[] { 7, 42 }, Enumerable.Range(0, 300).Where(i => RuleIndex.Contains(candidates, i)));
    }

    [Fact]
    public void Evaluate_RulesThatDoNotApply_ReuseTheirTracesAcrossMessages()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Skipped"><conditions><senderAddress><value>nobody@contoso.com</value></senderAddress></conditions><actions><setHeader name="X-A">1</setHeader></actions></rule>
            <rule name="Rejected"><conditions><subjectMatches><value>^never$</value></subjectMatches></conditions><actions><setHeader name="X-B">1</setHeader></actions></rule>
            <rule name="Excepted"><conditions><senderDomain><value>contoso.com</value></senderDomain></conditions><exceptions><headerExists name="From"/></exceptions><actions><setHeader name="X-C">1</setHeader></actions></rule>
            """));
        var plan = folder.Load();

        var first = plan.Evaluate(TestMessage.Internal().Build()).Trace.Rules;
        var second = plan.Evaluate(TestMessage.Internal().Build()).Trace.Rules;

        Assert.Equal(3, first.Count);
        Assert.All(first, trace => Assert.False(trace.Applied));
        Assert.Equal("not applied: condition not met: sender address is 'nobody@contoso.com'", first[0].Reason);
        Assert.Equal("not applied: exception met: header From exists", first[2].Reason);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Same(first[i], second[i]));
    }

    [Fact]
    public void Index_LiteralInsideAnyOrNot_IsNotUsedToPrune()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Any"><conditions><any><subjectContains><value>nowhere</value></subjectContains><senderDomain><value>contoso.com</value></senderDomain></any></conditions><actions><setHeader name="X-A">1</setHeader></actions></rule>
            <rule name="Not"><conditions><not><headerContains name="X-Project"><value>secret</value></headerContains></not></conditions><actions><setHeader name="X-B">1</setHeader></actions></rule>
            """));

        var result = folder.Load().Evaluate(TestMessage.Internal().Build());

        Assert.All(result.Trace.Rules, trace => Assert.True(trace.Applied, trace.ToString()));
    }

    [Fact]
    public void Fold_EveryCharacterEqualToAnotherIgnoringCase_FoldsToTheSameSymbol()
    {
        // The automaton may only find more than IndexOf(OrdinalIgnoreCase), never less: characters that ordinal
        // ignore-case comparison treats as equal must fold to the same symbol. Equal strings have equal hash codes,
        // so comparing within hash buckets covers every equal pair.
        var buckets = new Dictionary<int, List<char>>();
        for (var code = 0; code <= char.MaxValue; code++)
        {
            var symbol = (char)code;
            if (char.IsSurrogate(symbol))
            {
                continue;
            }

            var hash = StringComparer.OrdinalIgnoreCase.GetHashCode(symbol.ToString());
            if (!buckets.TryGetValue(hash, out var bucket))
            {
                bucket = new List<char>();
                buckets[hash] = bucket;
            }

            bucket.Add(symbol);
        }

        var wrong = new List<string>();
        foreach (var bucket in buckets.Values.Where(bucket => bucket.Count > 1))
        {
            foreach (var left in bucket)
            {
                foreach (var right in bucket)
                {
                    if (string.Equals(left.ToString(), right.ToString(), StringComparison.OrdinalIgnoreCase) && LiteralAutomaton.Fold(left) != LiteralAutomaton.Fold(right))
                    {
                        wrong.Add($"U+{(int)left:X4}/U+{(int)right:X4}");
                    }
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Property(MaxTest = 300)]
    public bool Automaton_FindsEveryLiteralIndexOfIgnoringCaseFinds(int seed)
    {
        var random = new Random(seed);
        var literals = Enumerable.Range(0, random.Next(1, 8)).Select(_ => _literals[random.Next(_literals.Length)]).Where(literal => !literal.Any(char.IsSurrogate)).ToArray();
        var text = string.Join(random.Next(2) == 0 ? " " : string.Empty, Enumerable.Range(0, random.Next(0, 8)).Select(_ => _words[random.Next(_words.Length)]));
        var automaton = new LiteralAutomaton(literals.Select((literal, i) => (literal, i)).ToArray());
        var found = new ulong[1];

        automaton.Search(text, found);

        // Never less (that would skip a rule that applies); more only where the simple upper-case folding is coarser
        // than ordinal ignore-case (U+017F long s folds to S), which just leaves a rule to full evaluation.
        return literals.Select((literal, i) => RuleIndex.Contains(found, i) || !text.Contains(literal, StringComparison.OrdinalIgnoreCase)).All(ok => ok)
            && literals.Select((literal, i) => !RuleIndex.Contains(found, i) || text.Contains(literal, StringComparison.OrdinalIgnoreCase) || (literal + text).Contains('ſ', StringComparison.Ordinal)).All(ok => ok);
    }

    private static string? Difference(EvaluationResult expected, EvaluationResult actual)
    {
        for (var i = 0; i < expected.Trace.Rules.Count; i++)
        {
            var want = expected.Trace.Rules[i];
            var got = actual.Trace.Rules[i];
            if (want.Applied != got.Applied || !want.Recipients.SequenceEqual(got.Recipients))
            {
                return $"{want.RuleName}: expected '{want.Reason}', got '{got.Reason}'";
            }
        }

        var wantCopies = expected.Copies.Select(Describe).ToArray();
        var gotCopies = actual.Copies.Select(Describe).ToArray();
        return wantCopies.SequenceEqual(gotCopies) ? null : "copies: expected " + string.Join(" | ", wantCopies) + ", got " + string.Join(" | ", gotCopies);
    }

    private static string Describe(CopyDecision copy) =>
        string.Join(",", copy.Recipients) + " -> " + string.Join(",", copy.Actions.Select(action => action.RuleName));

    /// <summary>A second message with the same facts (a fresh content, so no cached state is shared between the two evaluations).</summary>
    private static TestMessage Rebuild(TestMessage source)
    {
        var copy = new TestMessage { From = source.From, EnvelopeSender = source.EnvelopeSender, To = source.To, Origin = source.Origin };
        copy.Content.Subject = source.Content.Subject;
        foreach (var name in new[] { "From", "To", "Cc", "X-Project", "X-Other" })
        {
            foreach (var value in source.Content.GetHeaderValues(name))
            {
                copy.Content.Header(name, value);
            }
        }

        return copy;
    }

    private static TestMessage RandomMessage(Random random)
    {
        var message = new TestMessage
        {
            From = Pick(random, _addresses),
            EnvelopeSender = random.Next(4) == 0 ? string.Empty : random.Next(2) == 0 ? null : Pick(random, _addresses),
            To = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, _addresses)).ToArray(),
            Origin = random.Next(3) == 0 ? SubmissionOrigin.Anonymous : SubmissionOrigin.Authenticated,
        };
        message.Content.Subject = Phrase(random);
        if (random.Next(3) > 0)
        {
            message.Content.Header("Cc", "<" + Pick(random, _addresses) + ">");
        }

        for (var h = random.Next(0, 3); h > 0; h--)
        {
            message.Content.Header(random.Next(3) == 0 ? "X-Other" : "X-Project", Phrase(random));
        }

        return message;
    }

    private static string RandomRules(Random random, int count)
    {
        var xml = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var conditions = string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomCondition(random, 0)));
            var exceptions = random.Next(4) == 0 ? "<exceptions>" + RandomCondition(random, 1) + "</exceptions>" : string.Empty;
            var options = random.Next(6) == 0 ? "<options stopProcessing=\"true\"/>" : string.Empty;
            xml.Append(CultureInfo.InvariantCulture, $"<rule name=\"R{i}\"><conditions>{conditions}</conditions>{exceptions}<actions><setHeader name=\"X-R{i}\">1</setHeader></actions>{options}</rule>\n");
        }

        return xml.ToString();
    }

    private static string RandomCondition(Random random, int depth)
    {
        var kind = random.Next(depth < 2 ? 16 : 13);
        return kind switch
        {
            0 => $"<senderAddress{SenderLocation(random)}>{Values(random, _addresses)}</senderAddress>",
            1 => $"<senderDomain{SenderLocation(random)}>{Values(random, _domains)}</senderDomain>",
            2 => $"<senderAddress match=\"wildcard\">{Values(random, new[] { "*@contoso.com", "alice@*", "*" })}</senderAddress>",
            3 => $"<recipientAddress{RecipientOptions(random)}>{Values(random, _addresses)}</recipientAddress>",
            4 => $"<recipientDomain{RecipientOptions(random)}>{Values(random, _domains)}</recipientDomain>",
            5 => $"<direction>{Pick(random, new[] { "internal", "outgoing", "incoming", "internal outgoing", "incoming outgoing" })}</direction>",
            6 or 7 => $"<subjectContains>{Values(random, _literals)}</subjectContains>",
            8 or 9 => $"<headerContains name=\"{Pick(random, new[] { "X-Project", "x-project", "X-Other", "X-Missing" })}\">{Values(random, _literals)}</headerContains>",
            10 => $"<subjectMatches><value>{Pick(random, new[] { "^re:", "status$", "\\d+" })}</value></subjectMatches>",
            11 => $"<senderScope>{Pick(random, new[] { "inside", "outside" })}</senderScope>",
            12 => $"<headerExists name=\"{Pick(random, new[] { "X-Project", "X-Other" })}\"/>",
            13 => "<any>" + RandomCondition(random, depth + 1) + RandomCondition(random, depth + 1) + "</any>",
            14 => "<not>" + RandomCondition(random, depth + 1) + "</not>",
            _ => "<all>" + RandomCondition(random, depth + 1) + RandomCondition(random, depth + 1) + "</all>",
        };
    }

    private static string SenderLocation(Random random) => Pick(random, new[] { string.Empty, " location=\"envelope\"", " location=\"headerOrEnvelope\"" });

    private static string RecipientOptions(Random random) => Pick(random, new[]
    {
        string.Empty, " quantifier=\"any\"", " quantifier=\"all\"", " source=\"to\"", " source=\"toOrCc\" quantifier=\"all\"", " source=\"cc\"",
    });

    private static string Values(Random random, string[] pool) =>
        string.Concat(Enumerable.Range(0, random.Next(1, 3)).Select(_ => "<value>" + System.Security.SecurityElement.Escape(Pick(random, pool)) + "</value>"));

    private static string Phrase(Random random) =>
        string.Join(random.Next(3) == 0 ? string.Empty : " ", Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pick(random, _words)));

    private static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];
}
