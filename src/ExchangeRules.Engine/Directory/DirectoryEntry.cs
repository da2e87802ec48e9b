using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Engine.Directory;

/// <summary>One directory object (user, contact, group) with its attributes, immutable once built.</summary>
public sealed class DirectoryEntry
{
    private static readonly IReadOnlyList<string> _noValues = Array.Empty<string>();
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _attributes;

    /// <summary>Creates an entry.</summary>
    /// <param name="distinguishedName">The object's distinguished name.</param>
    /// <param name="attributes">Attribute values by LDAP display name; names are matched case-insensitively.</param>
    /// <param name="photo">The thumbnailPhoto bytes, if any.</param>
    /// <param name="manager">The manager's entry, if the manager attribute resolved.</param>
    public DirectoryEntry(
        string distinguishedName,
        IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> attributes,
        byte[]? photo = null,
        DirectoryEntry? manager = null)
    {
        DistinguishedName = distinguishedName ?? throw new ArgumentNullException(nameof(distinguishedName));
        if (attributes is null)
        {
            throw new ArgumentNullException(nameof(attributes));
        }

        _attributes = attributes.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        Photo = photo;
        Manager = manager;
    }

    /// <summary>The object's distinguished name.</summary>
    public string DistinguishedName { get; }

    /// <summary>The thumbnailPhoto bytes, if any.</summary>
    public byte[]? Photo { get; }

    /// <summary>The manager's entry, if any.</summary>
    public DirectoryEntry? Manager { get; }

    /// <summary>The names of the attributes that have values.</summary>
    public IEnumerable<string> AttributeNames => _attributes.Keys;

    /// <summary>All values of an attribute (empty when absent).</summary>
    public IReadOnlyList<string> GetValues(string attribute) =>
        _attributes.TryGetValue(attribute, out var values) ? values : _noValues;

    /// <summary>The first value of an attribute, or <see langword="null"/> when absent or empty.</summary>
    public string? GetValue(string attribute)
    {
        var values = GetValues(attribute);
        return values.Count > 0 && values[0].Length > 0 ? values[0] : null;
    }
}
