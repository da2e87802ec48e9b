using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace ExchangeRules.Engine.Loading;

/// <summary>
/// Tolerant readers for attribute and element values. The XSD already reported malformed values, so these fall
/// back to defaults silently instead of reporting the same problem twice.
/// </summary>
internal static class XmlValues
{
    private static readonly char[] _whitespace = { ' ', '\t', '\r', '\n' };

    public static XName Name(string local) => XName.Get(local, RuleSchema.Namespace);

    public static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value.Trim();

    public static bool Bool(XElement element, string name, bool fallback)
    {
        var value = Attribute(element, name);
        if (value is null)
        {
            return fallback;
        }

        try
        {
            return XmlConvert.ToBoolean(value);
        }
        catch (FormatException)
        {
            return fallback;
        }
    }

    public static IReadOnlyList<string> Values(XElement element) =>
        element.Elements(Name("value")).Select(value => value.Value.Trim()).Where(value => value.Length > 0).ToArray();

    public static IReadOnlyList<string> Tokens(XElement element) =>
        element.Value.Split(_whitespace, StringSplitOptions.RemoveEmptyEntries);
}
