using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Evaluation;

namespace ExchangeRules.Engine.Compilation;

/// <summary>
/// Pre-filters rules by cheap facts so a message does not fully evaluate every rule: the direction of each copy,
/// the sender's address and domain, the envelope recipients' addresses and domains, and the literals that
/// <c>subjectContains</c> / <c>headerContains</c> conditions require (one Aho–Corasick pass over the subject and each
/// indexed header, whatever the number of rules). A rule is indexed on a fact only when an exact top-level
/// condition (a conjunct of the rule's implicit all group, not inside any / not) requires it, so a rule filtered out
/// here is certainly not applied; its prebuilt trace names that condition.
/// </summary>
internal sealed class RuleIndex
{
    private readonly int _words;
    private readonly int _count;
    private readonly ulong[][] _byDirection = new ulong[3][];
    private readonly KeyedFact _sender;
    private readonly KeyedFact _recipient;
    private readonly ulong[] _literalUnconstrained;
    private readonly LiteralAutomaton? _subjectLiterals;
    private readonly (string Header, LiteralAutomaton Automaton)[] _headerLiterals;
    private readonly bool _anyLiteral;
    private readonly RuleTrace?[] _directionTrace;
    private readonly RuleTrace?[] _senderTrace;
    private readonly RuleTrace?[] _recipientTrace;
    private readonly RuleTrace?[] _literalTrace;

    public RuleIndex(IReadOnlyList<CompiledRule> rules)
    {
        _count = rules.Count;
        _words = (_count + 63) / 64;
        for (var direction = 0; direction < 3; direction++)
        {
            _byDirection[direction] = new ulong[_words];
        }

        _sender = new KeyedFact(_words);
        _recipient = new KeyedFact(_words);
        _literalUnconstrained = new ulong[_words];
        _directionTrace = new RuleTrace?[_count];
        _senderTrace = new RuleTrace?[_count];
        _recipientTrace = new RuleTrace?[_count];
        _literalTrace = new RuleTrace?[_count];
        var subjectLiterals = new List<(string, int)>();
        var headerLiterals = new Dictionary<string, List<(string, int)>>(StringComparer.OrdinalIgnoreCase);

        for (var i = 0; i < _count; i++)
        {
            IndexRule(i, rules[i], subjectLiterals, headerLiterals);
        }

        _subjectLiterals = subjectLiterals.Count > 0 ? new LiteralAutomaton(subjectLiterals) : null;
        _headerLiterals = headerLiterals.Select(pair => (pair.Key, new LiteralAutomaton(pair.Value))).ToArray();
        _anyLiteral = _subjectLiterals is not null || _headerLiterals.Length > 0;
    }

    /// <summary>The rules that may apply to the message; the others are certainly not applied.</summary>
    public CandidateSet Candidates(EvaluationState state)
    {
        var direction = new ulong[_words];
        var recipients = state.Context.Envelope.Recipients;
        if (recipients.Count == 0)
        {
            Or(direction, _byDirection[(int)state.DirectionFor(null)]);
        }
        else
        {
            var seen = 0;
            for (var r = 0; r < recipients.Count && seen != 0x7; r++)
            {
                var copyDirection = (int)state.DirectionFor(recipients[r]);
                if ((seen & (1 << copyDirection)) == 0)
                {
                    seen |= 1 << copyDirection;
                    Or(direction, _byDirection[copyDirection]);
                }
            }
        }

        var result = (ulong[])direction.Clone();
        ulong[]? sender = null;
        if (_sender.IsUsed)
        {
            sender = _sender.Start();
            _sender.Add(sender, state.FromAddress, state.Domain(state.FromAddress));
            _sender.Add(sender, state.EnvelopeSender, state.Domain(state.EnvelopeSender));
            And(result, sender);
        }

        ulong[]? recipient = null;
        if (_recipient.IsUsed)
        {
            recipient = _recipient.Start();
            for (var r = 0; r < recipients.Count; r++)
            {
                _recipient.Add(recipient, recipients[r], state.Domain(recipients[r]));
            }

            And(result, recipient);
        }

        ulong[]? literal = null;
        if (_anyLiteral && !IsEmpty(result))
        {
            literal = (ulong[])_literalUnconstrained.Clone();
            _subjectLiterals?.Search(state.Context.Content.Subject ?? string.Empty, literal);
            foreach (var (header, automaton) in _headerLiterals)
            {
                var values = state.Context.Content.GetHeaderValues(header);
                if (values is null)
                {
                    continue;
                }

                for (var v = 0; v < values.Count; v++)
                {
                    automaton.Search(values[v], literal);
                }
            }

            And(result, literal);
        }

        return new CandidateSet(result, direction, sender, recipient, literal);
    }

    public static bool Contains(ulong[] bits, int index) => (bits[index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>The prebuilt trace of a rule the index filtered out, naming the condition that excluded it.</summary>
    public RuleTrace SkippedTrace(int index, CompiledRule rule, CandidateSet candidates)
    {
        var trace = !Contains(candidates.Direction, index) ? _directionTrace[index]
            : candidates.Sender is { } sender && !Contains(sender, index) ? _senderTrace[index]
            : candidates.Recipient is { } recipient && !Contains(recipient, index) ? _recipientTrace[index]
            : _literalTrace[index];
        return trace ?? new RuleTrace(rule.Name, false, rule.Conditions.NotMetReason);
    }

    private void IndexRule(int index, CompiledRule rule, List<(string, int)> subjectLiterals, Dictionary<string, List<(string, int)>> headerLiterals)
    {
        var directionMask = 0x7;
        var senderIndexed = false;
        var recipientIndexed = false;
        var literalIndexed = false;
        foreach (var conjunct in Conjuncts(rule.Conditions))
        {
            switch (conjunct)
            {
                case DirectionCondition direction when _directionTrace[index] is null:
                    directionMask = direction.Mask;
                    _directionTrace[index] = Trace(rule, direction);
                    break;
                case SenderCondition { Predicate: AddressMatchPredicate { Matcher.ExactValues: { } values } predicate } sender when !senderIndexed:
                    _sender.Register(index, values, predicate.DomainOnly);
                    _senderTrace[index] = Trace(rule, sender);
                    senderIndexed = true;
                    break;
                case RecipientCondition { Source: RecipientSource.Envelope, Quantifier: not Quantifier.All, Predicate: AddressMatchPredicate { Matcher.ExactValues: { } values } predicate } recipient when !recipientIndexed:
                    _recipient.Register(index, values, predicate.DomainOnly);
                    _recipientTrace[index] = Trace(rule, recipient);
                    recipientIndexed = true;
                    break;
                case TextCondition { Target: TextTarget.Subject, Mode: TextMode.Words or TextMode.Substring } text when !literalIndexed && Indexable(text.Values):
                    subjectLiterals.AddRange(text.Values.Select(value => (value, index)));
                    _literalTrace[index] = Trace(rule, text);
                    literalIndexed = true;
                    break;
                case HeaderCondition { Test: HeaderTest.Contains } header when !literalIndexed && Indexable(header.Values):
                    if (!headerLiterals.TryGetValue(header.Name, out var list))
                    {
                        list = new List<(string, int)>();
                        headerLiterals[header.Name] = list;
                    }

                    list.AddRange(header.Values.Select(value => (value, index)));
                    _literalTrace[index] = Trace(rule, header);
                    literalIndexed = true;
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

        if (!senderIndexed)
        {
            _sender.RegisterUnconstrained(index);
        }

        if (!recipientIndexed)
        {
            _recipient.RegisterUnconstrained(index);
        }

        if (!literalIndexed)
        {
            Set(_literalUnconstrained, index);
        }
    }

    private static RuleTrace Trace(CompiledRule rule, Condition condition) => new(rule.Name, false, condition.NotMetReason);

    /// <summary>
    /// Whether every value can be found by the automaton exactly when the condition could find it: non-empty, and no
    /// surrogate (ordinal ignore-case folds a surrogate pair as a whole, the automaton folds single units).
    /// </summary>
    private static bool Indexable(IReadOnlyList<string> values) =>
        values.Count > 0 && values.All(value => value.Length > 0 && !value.Any(char.IsSurrogate));

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

    private static bool IsEmpty(ulong[] bits)
    {
        foreach (var word in bits)
        {
            if (word != 0)
            {
                return false;
            }
        }

        return true;
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

    /// <summary>One address fact (the sender, or the envelope recipients): rules keyed by exact address or domain.</summary>
    private sealed class KeyedFact
    {
        private readonly int _words;
        private readonly ulong[] _unconstrained;
        private readonly Dictionary<string, ulong[]> _byAddress = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ulong[]> _byDomain = new(StringComparer.OrdinalIgnoreCase);

        public KeyedFact(int words)
        {
            _words = words;
            _unconstrained = new ulong[words];
        }

        public bool IsUsed => _byAddress.Count > 0 || _byDomain.Count > 0;

        public void RegisterUnconstrained(int index) => Set(_unconstrained, index);

        public void Register(int index, IEnumerable<string> keys, bool domains)
        {
            var byKey = domains ? _byDomain : _byAddress;
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

        public ulong[] Start() => (ulong[])_unconstrained.Clone();

        public void Add(ulong[] target, string address, string domain)
        {
            if (address.Length > 0 && _byAddress.TryGetValue(address, out var byAddress))
            {
                Or(target, byAddress);
            }

            if (domain.Length > 0 && _byDomain.TryGetValue(domain, out var byDomain))
            {
                Or(target, byDomain);
            }
        }
    }
}
