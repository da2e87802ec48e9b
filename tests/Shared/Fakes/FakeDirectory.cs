using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Testing.Fakes;

/// <summary>
/// A directory of a few people and groups (nested membership is flattened by hand) whose failures and stalls the
/// test controls. Shared by the test projects (linked from tests/Shared), so one fake answers like a directory everywhere.
/// </summary>
internal sealed class FakeDirectory : IDirectory
{
    private readonly Dictionary<string, DirectoryEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<Exception> _outage;

    /// <summary>Creates an empty directory.</summary>
    /// <param name="outage">What a lookup throws while <see cref="Down"/> is set (the real directory's "unreachable" exception
    /// where the code under test catches it); an <see cref="InvalidOperationException"/> when not given.</param>
    public FakeDirectory(Func<Exception>? outage = null)
    {
        _outage = outage ?? (() => new InvalidOperationException("directory down"));
    }

    /// <summary>How many lookups (entries and memberships) reached this directory.</summary>
    public int Lookups { get; private set; }

    /// <summary>When set, every lookup throws the outage exception given to the constructor.</summary>
    public bool Down { get; set; }

    /// <summary>When set, lookups wait for it (a stalled server).</summary>
    public ManualResetEventSlim? Gate { get; set; }

    /// <summary>Alice (Sales) and Bob (Engineering) of contoso.com, both in "All Staff".</summary>
    public static FakeDirectory Contoso()
    {
        var directory = new FakeDirectory();
        directory.Person("alice@contoso.com", ("displayName", "Alice Archer"), ("department", "Sales"), ("title", "Account Manager"));
        directory.Person("bob@contoso.com", ("displayName", "Bob Baker"), ("department", "Engineering"), ("title", "Developer"));
        directory.Member("alice@contoso.com", "sales@contoso.com", "All Staff");
        directory.Member("bob@contoso.com", "All Staff");
        return directory;
    }

    /// <summary>Adds (or replaces) a person with the given attributes.</summary>
    public void Person(string address, params (string Name, string Value)[] attributes) =>
        _entries[address] = new DirectoryEntry(
            "CN=" + address + ",DC=contoso,DC=com",
            attributes.Select(attribute => new KeyValuePair<string, IReadOnlyList<string>>(attribute.Name, new[] { attribute.Value })));

    /// <summary>Adds (or replaces) a person with a display name only, as a member of the group "members".</summary>
    public void Add(string address, string displayName)
    {
        _entries[address] = new DirectoryEntry(
            "CN=" + displayName, new Dictionary<string, IReadOnlyList<string>> { ["displayName"] = new List<string> { displayName } });
        Member(address, "members");
    }

    /// <summary>Makes the person a member of the groups (direct or nested: the fake does not tell them apart).</summary>
    public void Member(string address, params string[] groups)
    {
        if (!_groups.TryGetValue(address, out var set))
        {
            set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _groups[address] = set;
        }

        set.UnionWith(groups);
    }

    public DirectoryEntry? FindBySmtpAddress(string smtpAddress)
    {
        Lookup();
        return _entries.TryGetValue(smtpAddress, out var entry) ? entry : null;
    }

    public bool IsMemberOf(string smtpAddress, string group)
    {
        Lookup();
        return _groups.TryGetValue(smtpAddress, out var set) && set.Contains(group);
    }

    private void Lookup()
    {
        Lookups++;
        Gate?.Wait();
        if (Down)
        {
            throw _outage();
        }
    }
}
