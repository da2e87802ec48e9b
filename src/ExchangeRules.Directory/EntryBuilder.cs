using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Directory;

/// <summary>Collects attribute values of one object and turns them into a <see cref="DirectoryEntry"/>.</summary>
internal sealed class EntryBuilder
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    public EntryBuilder(string distinguishedName)
    {
        DistinguishedName = distinguishedName;
    }

    public string DistinguishedName { get; }

    public byte[]? Photo { get; private set; }

    public string? ManagerDn => First(DirectoryAttributes.Manager);

    public IReadOnlyList<string> Values(string attribute) =>
        _values.TryGetValue(attribute, out var list) ? list : (IReadOnlyList<string>)Array.Empty<string>();

    public string? First(string attribute)
    {
        var values = Values(attribute);
        return values.Count > 0 && values[0].Length > 0 ? values[0] : null;
    }

    public void Add(string attribute, string value)
    {
        var name = DirectoryAttributes.Canonical(attribute);
        if (!_values.TryGetValue(name, out var list))
        {
            list = new List<string>();
            _values.Add(name, list);
        }

        list.Add(value);
    }

    public void AddBinary(string attribute, byte[] value)
    {
        if ((attribute.Equals(DirectoryAttributes.ThumbnailPhoto, StringComparison.OrdinalIgnoreCase) || Photo is null) && value.Length > 0)
        {
            Photo = value;
        }
    }

    /// <summary>The addresses this object receives mail for: <c>mail</c> and every <c>smtp:</c> proxy address.</summary>
    public IEnumerable<string> SmtpAddresses()
    {
        foreach (var mail in Values("mail"))
        {
            yield return mail;
        }

        foreach (var address in ProxyAddresses.SmtpAddresses(Values("proxyAddresses")))
        {
            yield return address;
        }
    }

    public DirectoryEntry Build(DirectoryEntry? manager)
    {
        var attributes = new List<KeyValuePair<string, IReadOnlyList<string>>>(_values.Count);
        foreach (var pair in _values)
        {
            attributes.Add(new KeyValuePair<string, IReadOnlyList<string>>(pair.Key, pair.Value.ToArray()));
        }

        return new DirectoryEntry(DistinguishedName, attributes, Photo, manager);
    }
}
