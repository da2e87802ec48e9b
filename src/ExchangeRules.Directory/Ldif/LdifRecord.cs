using System;
using System.Collections.Generic;

namespace ExchangeRules.Directory.Ldif;

/// <summary>One content record of an LDIF file: a distinguished name and raw attribute values.</summary>
internal sealed class LdifRecord
{
    public LdifRecord(string distinguishedName, int line, IReadOnlyDictionary<string, IReadOnlyList<byte[]>> attributes)
    {
        DistinguishedName = distinguishedName;
        Line = line;
        Attributes = attributes;
    }

    public string DistinguishedName { get; }

    /// <summary>The line of the record's <c>dn:</c>.</summary>
    public int Line { get; }

    /// <summary>Values by attribute name (case-insensitive, options such as <c>;binary</c> removed).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<byte[]>> Attributes { get; }

    public IReadOnlyList<byte[]> GetValues(string attribute) =>
        Attributes.TryGetValue(attribute, out var values) ? values : Array.Empty<byte[]>();
}
