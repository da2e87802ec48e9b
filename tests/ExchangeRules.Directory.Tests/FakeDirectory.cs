using System;
using System.Collections.Generic;
using System.Threading;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Directory.Tests;

/// <summary>A directory whose answers, failures and stalls the test controls.</summary>
internal sealed class FakeDirectory : IDirectory
{
    private readonly Dictionary<string, DirectoryEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public int Lookups { get; private set; }

    public bool Down { get; set; }

    /// <summary>When set, lookups wait for it (a stalled server).</summary>
    public ManualResetEventSlim? Gate { get; set; }

    public void Add(string address, string displayName) =>
        _entries[address] = new DirectoryEntry(
            "CN=" + displayName, new Dictionary<string, IReadOnlyList<string>> { ["displayName"] = new List<string> { displayName } });

    public DirectoryEntry? FindBySmtpAddress(string smtpAddress)
    {
        Lookups++;
        Gate?.Wait();
        if (Down)
        {
            throw new DirectoryUnavailableException("server down");
        }

        return _entries.TryGetValue(smtpAddress, out var entry) ? entry : null;
    }

    public bool IsMemberOf(string smtpAddress, string group)
    {
        Lookups++;
        Gate?.Wait();
        if (Down)
        {
            throw new DirectoryUnavailableException("server down");
        }

        return group == "members" && _entries.ContainsKey(smtpAddress);
    }
}
