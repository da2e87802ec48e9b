using System;
using System.Collections.Generic;
using ExchangeRules.Harness.Organization;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// The on-premises categorizer's recipient resolution between OnSubmittedMessage and OnResolvedMessage: every
/// on-premises distribution group is replaced by its members (nested groups too, each once), duplicates are dropped.
/// Microsoft: OnResolvedMessage comes "after all recipients resolved and before routing is determined"; Exchange's
/// own transport-rule agent acts there for that reason (reference exchange-transport-api.md §4.6, §7).
/// Cloud-only groups are not expanded on-premises: their members are known only to Exchange Online.
/// </summary>
public static class Categorizer
{
    /// <summary>The recipients with on-premises groups expanded.</summary>
    /// <param name="organization">The organisation whose groups are expanded.</param>
    /// <param name="recipients">The recipients as submitted.</param>
    /// <param name="expanded">Called with each group's address when it is expanded.</param>
    public static List<string> ExpandGroups(OrganizationModel organization, IEnumerable<string> recipients, Action<string>? expanded = null)
    {
        if (organization is null)
        {
            throw new ArgumentNullException(nameof(organization));
        }

        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>(recipients ?? throw new ArgumentNullException(nameof(recipients)));
        while (pending.Count > 0)
        {
            var recipient = pending.Dequeue();
            var group = organization.Find(recipient);
            if (group is { Kind: RecipientKind.OnPremisesGroup })
            {
                if (seen.Add(group.PrimaryAddress))
                {
                    expanded?.Invoke(group.PrimaryAddress);
                    foreach (var member in group.Members)
                    {
                        pending.Enqueue(member);
                    }
                }
            }
            else if (seen.Add(recipient))
            {
                result.Add(recipient);
            }
        }

        return result;
    }
}
