using System;
using System.Collections.Generic;

namespace ExchangeRules.Engine.Compilation;

/// <summary>
/// Aho–Corasick over many literals at once, case-insensitive like <see cref="StringComparison.OrdinalIgnoreCase"/>
/// (each UTF-16 unit folded with <see cref="char.ToUpperInvariant"/>): one pass over a text finds every rule whose
/// literal occurs in it, however many rules there are. Immutable after construction, safe for concurrent searches.
/// </summary>
internal sealed class LiteralAutomaton
{
    private static readonly int[] _none = Array.Empty<int>();
    private readonly Dictionary<long, int> _next = new();
    private readonly int[] _fail;
    private readonly int[][] _rules;

    /// <param name="literals">Each literal with the rule it stands for; a rule may have several literals.</param>
    public LiteralAutomaton(IReadOnlyList<(string Literal, int Rule)> literals)
    {
        var children = new List<List<(char Symbol, int State)>> { new() };
        var outputs = new List<HashSet<int>?> { null };
        foreach (var (literal, rule) in literals)
        {
            var state = 0;
            foreach (var symbol in literal)
            {
                var folded = Fold(symbol);
                if (!_next.TryGetValue(Key(state, folded), out var target))
                {
                    target = children.Count;
                    children.Add(new List<(char, int)>());
                    outputs.Add(null);
                    _next[Key(state, folded)] = target;
                    children[state].Add((folded, target));
                }

                state = target;
            }

            (outputs[state] ??= new HashSet<int>()).Add(rule);
        }

        _fail = new int[children.Count];
        var queue = new Queue<int>(children[0].Count);
        foreach (var (_, state) in children[0])
        {
            queue.Enqueue(state);
        }

        // Breadth first, so a state's failure target (shallower) already carries its own merged outputs.
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var (symbol, target) in children[state])
            {
                var fallback = _fail[state];
                int candidate;
                while (!_next.TryGetValue(Key(fallback, symbol), out candidate) && fallback != 0)
                {
                    fallback = _fail[fallback];
                }

                _fail[target] = _next.TryGetValue(Key(fallback, symbol), out candidate) && candidate != target ? candidate : 0;
                if (outputs[_fail[target]] is { } inherited)
                {
                    (outputs[target] ??= new HashSet<int>()).UnionWith(inherited);
                }

                queue.Enqueue(target);
            }
        }

        _rules = new int[children.Count][];
        for (var state = 0; state < _rules.Length; state++)
        {
            _rules[state] = outputs[state] is { } set ? ToSortedArray(set) : _none;
        }
    }

    /// <summary>The case folding of one UTF-16 unit: the ordinal ignore-case comparison's own (simple upper case).</summary>
    public static char Fold(char symbol) => char.ToUpperInvariant(symbol);

    /// <summary>Sets the bit of every rule one of whose literals occurs in <paramref name="text"/>.</summary>
    public void Search(string text, ulong[] rules)
    {
        var state = 0;
        foreach (var symbol in text)
        {
            var folded = Fold(symbol);
            int next;
            while (!_next.TryGetValue(Key(state, folded), out next))
            {
                if (state == 0)
                {
                    next = 0;
                    break;
                }

                state = _fail[state];
            }

            state = next;
            foreach (var rule in _rules[state])
            {
                rules[rule >> 6] |= 1UL << (rule & 63);
            }
        }
    }

    private static long Key(int state, char symbol) => ((long)state << 16) | symbol;

    private static int[] ToSortedArray(HashSet<int> set)
    {
        var array = new int[set.Count];
        set.CopyTo(array);
        Array.Sort(array);
        return array;
    }
}
