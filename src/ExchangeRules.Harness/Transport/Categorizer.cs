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

        if (recipients is null)
        {
            throw new ArgumentNullException(nameof(recipients));
        }

        // Sized for the common case (no group): a list grown by doubling to 10,000 addresses leaves four arrays behind,
        // two of them on the large object heap.
        var result = new List<string>(recipients is IReadOnlyCollection<string> known ? known.Count : 0);
        result.AddRange(Resolve(organization, recipients, group => group.Kind == RecipientKind.OnPremisesGroup, expanded));
        return result;
    }

    /// <summary>
    /// The same recipients as <see cref="ExpandGroups"/>, in the same order, one at a time: a caller that needs only
    /// the first of a kind (is any recipient external?) stops there instead of resolving 10,000 addresses.
    /// </summary>
    /// <param name="organization">The organisation whose groups are expanded.</param>
    /// <param name="recipients">The recipients as submitted.</param>
    public static IEnumerable<string> ResolveGroups(OrganizationModel organization, IEnumerable<string> recipients)
    {
        if (organization is null)
        {
            throw new ArgumentNullException(nameof(organization));
        }

        if (recipients is null)
        {
            throw new ArgumentNullException(nameof(recipients));
        }

        return Resolve(organization, recipients, group => group.Kind == RecipientKind.OnPremisesGroup, null);
    }

    /// <summary>
    /// The recipients with every group <paramref name="expandable"/> accepts replaced by its members, breadth first (the
    /// recipients as given, then the members of the groups among them, then the members of nested groups), each
    /// address and each group once.
    /// </summary>
    internal static IEnumerable<string> Resolve(OrganizationModel organization, IEnumerable<string> recipients, Func<OrganizationRecipient, bool> expandable, Action<string>? expanded)
    {
        // Not a HashSet: one of 10,000 addresses leaves 415 KB of entry arrays on the large object heap per message.
        var seen = new AddressSet();

        // Only group members wait in the queue; the recipients as given are read in order, not copied first.
        var members = new Queue<string>();
        foreach (var recipient in recipients)
        {
            if (Admit(organization, recipient, expandable, expanded, seen, members))
            {
                yield return recipient;
            }
        }

        while (members.Count > 0)
        {
            var member = members.Dequeue();
            if (Admit(organization, member, expandable, expanded, seen, members))
            {
                yield return member;
            }
        }
    }

    /// <summary>Whether the address is a recipient not seen before; a group not seen before queues its members instead.</summary>
    private static bool Admit(OrganizationModel organization, string address, Func<OrganizationRecipient, bool> expandable, Action<string>? expanded, AddressSet seen, Queue<string> members)
    {
        var group = organization.Find(address);
        if (group is not null && group.IsGroup && expandable(group))
        {
            if (seen.Add(group.PrimaryAddress))
            {
                expanded?.Invoke(group.PrimaryAddress);
                foreach (var member in group.Members)
                {
                    members.Enqueue(member);
                }
            }

            return false;
        }

        return seen.Add(address);
    }
}
