using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Engine.Tests.Support;

/// <summary>A directory of a few people and groups (nested membership is flattened by hand).</summary>
internal sealed class FakeDirectory : IDirectory
{
    private readonly Dictionary<string, DirectoryEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _groups = new(StringComparer.OrdinalIgnoreCase);

    public static FakeDirectory Contoso()
    {
        var directory = new FakeDirectory();
        directory.Person("alice@contoso.com", ("displayName", "Alice Archer"), ("department", "Sales"), ("title", "Account Manager"));
        directory.Person("bob@contoso.com", ("displayName", "Bob Baker"), ("department", "Engineering"), ("title", "Developer"));
        directory.Member("alice@contoso.com", "sales@contoso.com", "All Staff");
        directory.Member("bob@contoso.com", "All Staff");
        return directory;
    }

    public void Person(string address, params (string Name, string Value)[] attributes) =>
        _entries[address] = new DirectoryEntry(
            "CN=" + address + ",DC=contoso,DC=com",
            attributes.Select(attribute => new KeyValuePair<string, IReadOnlyList<string>>(attribute.Name, new[] { attribute.Value })));

    public void Member(string address, params string[] groups)
    {
        if (!_groups.TryGetValue(address, out var set))
        {
            set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _groups[address] = set;
        }

        set.UnionWith(groups);
    }

    public DirectoryEntry? FindBySmtpAddress(string smtpAddress) => _entries.TryGetValue(smtpAddress, out var entry) ? entry : null;

    public bool IsMemberOf(string smtpAddress, string group) => _groups.TryGetValue(smtpAddress, out var set) && set.Contains(group);
}
