using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Directory;

/// <summary>
/// Walks group membership upwards from a member (its groups, their groups, ...) until the wanted group is
/// found. Used where the server cannot answer transitively (OpenLDAP, LDIF). Cycles are harmless: every
/// group is visited once; the depth is bounded so a pathological directory cannot hold a transport thread.
/// </summary>
internal static class NestedGroupResolver
{
    /// <param name="memberDn">The member to start from.</param>
    /// <param name="groupDn">The group wanted.</param>
    /// <param name="parentsOf">The groups that directly contain any of the given distinguished names.</param>
    /// <param name="maxDepth">How many levels of nesting to follow at most.</param>
    public static bool IsMember(string memberDn, string groupDn, Func<IReadOnlyCollection<string>, IEnumerable<string>> parentsOf, int maxDepth)
    {
        var visited = new HashSet<string>(DistinguishedNames.Comparer) { memberDn };
        IReadOnlyCollection<string> frontier = new[] { memberDn };
        for (var depth = 0; depth < maxDepth && frontier.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var parent in parentsOf(frontier))
            {
                if (DistinguishedNames.Comparer.Equals(parent, groupDn))
                {
                    return true;
                }

                if (visited.Add(parent))
                {
                    next.Add(parent);
                }
            }

            frontier = next.Distinct(DistinguishedNames.Comparer).ToList();
        }

        return false;
    }
}
