using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Directory.Ldif;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Directory;

/// <summary>
/// An offline directory read once from an LDIF file (RFC 2849, as <c>ldifde -f users.ldf</c> exports it):
/// for <c>exrules apply</c>, <c>serve</c>, <c>demo</c> and the harness. Immutable after loading, so safe
/// to share between threads. Nested groups come from the groups' <c>member</c> values (and <c>memberOf</c>
/// where the export has it).
/// </summary>
public sealed class LdifDirectory : IDirectory
{
    private const int _maxGroupDepth = 64;
    private readonly Dictionary<string, DirectoryEntry> _byAddress = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, EntryBuilder> _byDn = new(DistinguishedNames.Comparer);
    private readonly Dictionary<string, List<string>> _parents = new(DistinguishedNames.Comparer);

    private LdifDirectory(IReadOnlyList<LdifRecord> records)
    {
        var builders = records.Select(ToBuilder).ToList();
        foreach (var builder in builders)
        {
            _byDn[builder.DistinguishedName] = builder;
        }

        var plain = new Dictionary<string, DirectoryEntry>(DistinguishedNames.Comparer);
        foreach (var builder in builders)
        {
            plain[builder.DistinguishedName] = builder.Build(manager: null);
        }

        foreach (var builder in builders)
        {
            var manager = builder.ManagerDn is { } managerDn && plain.TryGetValue(managerDn, out var found) ? found : null;
            var entry = builder.Build(manager);
            foreach (var address in builder.SmtpAddresses())
            {
                // The first object claiming an address wins, as Exchange refuses duplicates anyway.
                if (!_byAddress.ContainsKey(address))
                {
                    _byAddress.Add(address, entry);
                }
            }

            foreach (var member in builder.Values("member"))
            {
                AddParent(member, builder.DistinguishedName);
            }

            foreach (var group in builder.Values("memberOf"))
            {
                AddParent(builder.DistinguishedName, group);
            }
        }
    }

    /// <summary>The number of objects in the file.</summary>
    public int Count => _byDn.Count;

    /// <summary>Loads a directory from an LDIF file.</summary>
    /// <exception cref="LdifFormatException">The file is not valid LDIF; the message names file and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static LdifDirectory Load(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        try
        {
            return new LdifDirectory(LdifReader.ReadFile(path));
        }
        catch (DecoderFallbackException)
        {
            throw new LdifFormatException(path, 0, "the file is not valid UTF-8");
        }
    }

    /// <summary>Loads a directory from LDIF text.</summary>
    /// <param name="reader">The LDIF text.</param>
    /// <param name="sourceName">A name for the text in error messages.</param>
    /// <exception cref="LdifFormatException">The text is not valid LDIF.</exception>
    public static LdifDirectory Load(TextReader reader, string sourceName) =>
        new(LdifReader.Read(reader ?? throw new ArgumentNullException(nameof(reader)), sourceName));

    /// <inheritdoc />
    public DirectoryEntry? FindBySmtpAddress(string smtpAddress) =>
        smtpAddress is not null && _byAddress.TryGetValue(smtpAddress.Trim(), out var entry) ? entry : null;

    /// <inheritdoc />
    public bool IsMemberOf(string smtpAddress, string group)
    {
        var member = FindBySmtpAddress(smtpAddress);
        var groupDn = group is null ? null : ResolveGroup(group);
        if (member is null || groupDn is null)
        {
            return false;
        }

        return NestedGroupResolver.IsMember(member.DistinguishedName, groupDn, ParentsOf, _maxGroupDepth);
    }

    private static EntryBuilder ToBuilder(LdifRecord record)
    {
        var builder = new EntryBuilder(record.DistinguishedName);
        foreach (var pair in record.Attributes)
        {
            foreach (var value in pair.Value)
            {
                if (DirectoryAttributes.Binary.Contains(pair.Key))
                {
                    builder.AddBinary(pair.Key, value);
                }
                else
                {
                    builder.Add(pair.Key, Encoding.UTF8.GetString(value));
                }
            }
        }

        return builder;
    }

    private void AddParent(string child, string parent)
    {
        if (!_parents.TryGetValue(child, out var list))
        {
            list = new List<string>();
            _parents.Add(child, list);
        }

        list.Add(parent);
    }

    private IEnumerable<string> ParentsOf(IReadOnlyCollection<string> children) =>
        children.SelectMany(child => _parents.TryGetValue(child, out var parents) ? parents : Enumerable.Empty<string>());

    private string? ResolveGroup(string group)
    {
        group = group.Trim();
        if (DistinguishedNames.LooksLikeDistinguishedName(group))
        {
            return group;
        }

        if (group.IndexOf('@') >= 0)
        {
            return FindBySmtpAddress(group)?.DistinguishedName;
        }

        return _byDn.Values
            .Where(candidate => candidate.Values("objectClass").Contains("group", StringComparer.OrdinalIgnoreCase)
                || candidate.Values("member").Count > 0)
            .FirstOrDefault(candidate =>
                string.Equals(candidate.First("cn"), group, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.First("sAMAccountName"), group, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.First("displayName"), group, StringComparison.OrdinalIgnoreCase))
            ?.DistinguishedName;
    }
}
