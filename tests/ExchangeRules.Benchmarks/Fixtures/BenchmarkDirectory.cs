using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>
/// An in-memory directory for the benchmarks: the sender with the attributes a signature uses and his
/// group memberships, so rules that look at the directory cost what a cached directory lookup costs.
/// </summary>
internal sealed class BenchmarkDirectory : IDirectory
{
    private readonly Dictionary<string, DirectoryEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _memberships = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the directory with the benchmark sender (Sales, United Kingdom) and a colleague.</summary>
    public BenchmarkDirectory()
    {
        Add(MessageFixtures.Sender, "Bob Jones", "Account Manager", "Sales", "GB", ["sales@contoso.example", "all-staff@contoso.example"]);
        Add(MessageFixtures.InternalRecipient, "Carol White", "Financial Controller", "Finance", "GB", ["finance@contoso.example", "all-staff@contoso.example"]);
    }

    /// <inheritdoc />
    public DirectoryEntry? FindBySmtpAddress(string smtpAddress) =>
        _entries.TryGetValue(smtpAddress, out var entry) ? entry : null;

    /// <inheritdoc />
    public bool IsMemberOf(string smtpAddress, string group) =>
        _memberships.TryGetValue(smtpAddress, out var groups) && groups.Contains(group);

    private void Add(string address, string displayName, string title, string department, string country, string[] groups)
    {
        var names = displayName.Split(' ');
        var attributes = new Dictionary<string, string>
        {
            ["mail"] = address,
            ["displayName"] = displayName,
            ["givenName"] = names[0],
            ["sn"] = names[1],
            ["title"] = title,
            ["department"] = department,
            ["company"] = "Contoso Ltd.",
            ["c"] = country,
            ["co"] = "United Kingdom",
            ["l"] = "London",
            ["streetAddress"] = "1 Canada Square",
            ["postalCode"] = "E14 5AB",
            ["telephoneNumber"] = "+44 20 7946 0958",
            ["mobile"] = "+44 7700 900123",
            ["proxyAddresses"] = "SMTP:" + address,
        };
        _entries[address] = new DirectoryEntry(
            $"CN={displayName},OU=Users,DC=contoso,DC=example",
            attributes.Select(pair => new KeyValuePair<string, IReadOnlyList<string>>(pair.Key, [pair.Value])));
        _memberships[address] = new HashSet<string>(groups, StringComparer.OrdinalIgnoreCase);
    }
}
