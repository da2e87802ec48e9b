using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Evaluation;

namespace ExchangeRules.Engine.Compilation;

/// <summary>
/// Pre-filters rules by cheap envelope facts so a message does not fully evaluate every rule: the direction of
/// each copy, the sender's domain and the recipients' domains. A rule is indexed on a fact only when an exact
/// top-level condition requires it, so a rule filtered out here is certainly not applied; its trace names that
/// condition.
/// </summary>
internal sealed class RuleIndex
{
    private readonly int _words;
    private readonly ulong[][] _byDirection = new ulong[3][];
    private readonly ulong[] _senderUnconstrained;
    private readonly Dictionary<string, ulong[]> _bySenderDomain = new(StringComparer.OrdinalIgnoreCase);
    private readonly ulong[] _recipientUnconstrained;
    private readonly Dictionary<string, ulong[]> _byRecipientDomain = new(StringComparer.OrdinalIgnoreCase);
    private readonly Condition?[] _directionCondition;
    private readonly Condition?[] _senderCondition;
    private readonly Condition?[] _recipientCondition;
    private readonly RuleTrace?[] _directionTrace;
    private readonly RuleTrace?[] _senderTrace;
    private readonly RuleTrace?[] _recipientTrace;

    public RuleIndex(IReadOnlyList<CompiledRule> rules)
    {
        var count = rules.Count;
        _words = (count + 63) / 64;
        for (var direction = 0; direction < 3; direction++)
        {
            _byDirection[direction] = new ulong[_words];
        }

        _senderUnconstrained = new ulong[_words];
        _recipientUnconstrained = new ulong[_words];
        _directionCondition = new Condition?[count];
        _senderCondition = new Condition?[count];
        _recipientCondition = new Condition?[count];
        _directionTrace = new RuleTrace?[count];
        _senderTrace = new RuleTrace?[count];
        _recipientTrace = new RuleTrace?[count];

        for (var i = 0; i < count; i++)
        {
            IndexRule(i, rules[i]);
        }
    }

    /// <summary>The rules that may apply to the message; the others are certainly not applied.</summary>
    public ulong[] Candidates(EvaluationState state)
    {
        var result = new ulong[_words];
        var recipients = state.Context.Envelope.Recipients;
        if (recipients.Count == 0)
        {
            Or(result, _byDirection[(int)state.DirectionFor(null)]);
        }
        else
        {
            var seen = 0;
            foreach (var recipient in recipients)
            {
                var direction = (int)state.DirectionFor(recipient);
                if ((seen & (1 << direction)) == 0)
                {
                    seen |= 1 << direction;
                    Or(result, _byDirection[direction]);
                }
            }
        }

        var senders = (ulong[])_senderUnconstrained.Clone();
        OrIndexed(senders, _bySenderDomain, AddressParts.Domain(state.FromAddress));
        OrIndexed(senders, _bySenderDomain, AddressParts.Domain(state.EnvelopeSender));
        And(result, senders);

        if (_byRecipientDomain.Count > 0)
        {
            var recipientBits = (ulong[])_recipientUnconstrained.Clone();
            foreach (var recipient in recipients)
            {
                OrIndexed(recipientBits, _byRecipientDomain, AddressParts.Domain(recipient));
            }

            And(result, recipientBits);
        }

        return result;
    }

    public static bool Contains(ulong[] bits, int index) => (bits[index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>The trace of a rule the index filtered out, naming the condition that excluded it.</summary>
    public RuleTrace SkippedTrace(int index, CompiledRule rule, EvaluationState state)
    {
        var directionCondition = _directionCondition[index];
        if (directionCondition is not null && !AnyRecipientSatisfies(directionCondition, state))
        {
            return _directionTrace[index] ??= new RuleTrace(rule.Name, false, directionCondition.NotMetReason);
        }

        var senderCondition = _senderCondition[index];
        if (senderCondition is not null && !senderCondition.Evaluate(state))
        {
            return _senderTrace[index] ??= new RuleTrace(rule.Name, false, senderCondition.NotMetReason);
        }

        var recipientCondition = _recipientCondition[index]!;
        return _recipientTrace[index] ??= new RuleTrace(rule.Name, false, recipientCondition.NotMetReason);
    }

    private static bool AnyRecipientSatisfies(Condition condition, EvaluationState state)
    {
        var recipients = state.Context.Envelope.Recipients;
        if (recipients.Count == 0)
        {
            return condition.Evaluate(state);
        }

        foreach (var recipient in recipients)
        {
            state.Recipient = recipient;
            var result = condition.Evaluate(state);
            state.Recipient = null;
            if (result)
            {
                return true;
            }
        }

        return false;
    }

    private void IndexRule(int index, CompiledRule rule)
    {
        var directionMask = 0x7;
        HashSet<string>? senderDomains = null;
        HashSet<string>? recipientDomains = null;
        foreach (var conjunct in Conjuncts(rule.Conditions))
        {
            switch (conjunct)
            {
                case DirectionCondition direction when _directionCondition[index] is null:
                    directionMask = direction.Mask;
                    _directionCondition[index] = direction;
                    break;
                case SenderCondition { Predicate: AddressMatchPredicate { DomainOnly: true, Matcher.ExactValues: { } values } } sender when senderDomains is null:
                    senderDomains = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
                    _senderCondition[index] = sender;
                    break;
                case RecipientCondition { Source: RecipientSource.Envelope, Quantifier: not Quantifier.All, Predicate: AddressMatchPredicate { DomainOnly: true, Matcher.ExactValues: { } values } } recipient when recipientDomains is null:
                    recipientDomains = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
                    _recipientCondition[index] = recipient;
                    break;
            }
        }

        for (var direction = 0; direction < 3; direction++)
        {
            if ((directionMask & (1 << direction)) != 0)
            {
                Set(_byDirection[direction], index);
            }
        }

        AddToIndex(index, senderDomains, _senderUnconstrained, _bySenderDomain);
        AddToIndex(index, recipientDomains, _recipientUnconstrained, _byRecipientDomain);
    }

    private void AddToIndex(int index, HashSet<string>? keys, ulong[] unconstrained, Dictionary<string, ulong[]> byKey)
    {
        if (keys is null)
        {
            Set(unconstrained, index);
            return;
        }

        foreach (var key in keys)
        {
            if (!byKey.TryGetValue(key, out var bits))
            {
                bits = new ulong[_words];
                byKey[key] = bits;
            }

            Set(bits, index);
        }
    }

    private static IEnumerable<Condition> Conjuncts(GroupCondition group)
    {
        foreach (var child in group.Children)
        {
            if (child is GroupCondition { Kind: GroupKind.All } nested)
            {
                foreach (var inner in Conjuncts(nested))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return child;
            }
        }
    }

    private static void OrIndexed(ulong[] target, Dictionary<string, ulong[]> index, string key)
    {
        if (key.Length > 0 && index.TryGetValue(key, out var bits))
        {
            Or(target, bits);
        }
    }

    private static void Set(ulong[] bits, int index) => bits[index >> 6] |= 1UL << (index & 63);

    private static void Or(ulong[] target, ulong[] source)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] |= source[i];
        }
    }

    private static void And(ulong[] target, ulong[] source)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] &= source[i];
        }
    }

    internal static int CountSet(ulong[] bits) => bits.Sum(word => CountBits(word));

    private static int CountBits(ulong word)
    {
        var count = 0;
        while (word != 0)
        {
            word &= word - 1;
            count++;
        }

        return count;
    }
}
