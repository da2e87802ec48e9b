using System.Collections.Generic;
using System.Globalization;
using System.Xml.Linq;

namespace ExchangeRules.Engine.Loading;

/// <summary>
/// Bounds how deeply a rules document nests before anything recursive (the builders, the compiled conditions,
/// the evaluator) touches it. Exchange runs agents on 1 MB thread stacks, where a stack overflow cannot be caught
/// and ends the Transport service at every start; this walk itself uses no recursion.
/// </summary>
internal static class NestingCheck
{
    // Room for the fixed structure around conditions: rules, rule, conditions or exceptions, and a leaf condition.
    private const int _structureDepth = 16;

    /// <summary>Reports the first element nested too deeply (with its location) and returns whether the document is within the limits.</summary>
    public static bool WithinLimits(XDocument document, LoadContext context)
    {
        var maxConditionDepth = context.Options.MaxConditionDepth;
        var maxElementDepth = maxConditionDepth + _structureDepth;
        var pending = new Stack<(XElement Element, int Depth, int ConditionDepth)>();
        pending.Push((document.Root!, 1, 0));
        while (pending.Count > 0)
        {
            var (element, depth, conditionDepth) = pending.Pop();
            if (IsConditionGroup(element))
            {
                conditionDepth++;
                if (conditionDepth > maxConditionDepth)
                {
                    context.Add(element, string.Format(CultureInfo.InvariantCulture, "<{0}> is nested more than {1} condition groups (all, any, not) deep; simplify the condition (the limit protects the Transport service's stack)", element.Name.LocalName, maxConditionDepth));
                    return false;
                }
            }

            if (depth > maxElementDepth)
            {
                context.Add(element, string.Format(CultureInfo.InvariantCulture, "<{0}> is nested more than {1} elements deep; a rules file never needs this many levels", element.Name.LocalName, maxElementDepth));
                return false;
            }

            // Pushed in reverse so the first offending element in document order is the one reported.
            var children = new List<XElement>(element.Elements());
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push((children[i], depth + 1, conditionDepth));
            }
        }

        return true;
    }

    private static bool IsConditionGroup(XElement element) =>
        element.Name.Namespace == RuleSchema.Namespace && element.Name.LocalName is "all" or "any" or "not";
}
