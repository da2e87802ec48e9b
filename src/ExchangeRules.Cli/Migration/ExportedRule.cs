using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace ExchangeRules.Cli.Migration;

/// <summary>
/// One rule of a <c>Get-TransportRule</c> JSON export, read by property name (case-insensitive, as PowerShell
/// reads them). Every property the importer reads is remembered, so the rest can be listed as not imported.
/// </summary>
internal sealed class ExportedRule
{
    private readonly Dictionary<string, JsonElement> _properties;
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public ExportedRule(JsonElement rule, int index)
    {
        Index = index;
        _properties = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in rule.EnumerateObject())
        {
            _properties[property.Name] = property.Value;
        }
    }

    /// <summary>The rule's position in the export (0-based), for messages about a rule without a name.</summary>
    public int Index { get; }

    public string Name => String("Name") ?? "Rule " + (Index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The properties with a value that nothing has read yet.</summary>
    public IEnumerable<KeyValuePair<string, JsonElement>> Unread => _properties.Where(pair => !_read.Contains(pair.Key) && HasValue(pair.Value));

    /// <summary>Marks a property as handled without reading it (metadata, or a value equal to its default).</summary>
    public void Handled(string name) => _read.Add(name);

    public bool Has(string name) => _properties.TryGetValue(name, out var value) && HasValue(value);

    /// <summary>A text property; <see langword="null"/> when absent, null or empty. A number or a boolean is returned as its text.</summary>
    public string? String(string name)
    {
        _read.Add(name);
        if (!_properties.TryGetValue(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.Array when value.GetArrayLength() == 1 => Text(value[0]),
            _ => null,
        };
    }

    /// <summary>A multi-valued property: an array of texts, or one text; empty when absent.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        _read.Add(name);
        if (!_properties.TryGetValue(name, out var value))
        {
            return Array.Empty<string>();
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Select(Text).OfType<string>().Where(text => text.Length > 0).ToList(),
            JsonValueKind.String when value.GetString() is { Length: > 0 } text => new[] { text },
            _ => Array.Empty<string>(),
        };
    }

    /// <summary>Whether the property is a JSON number (an enum exported without its name).</summary>
    public bool IsNumber(string name) => _properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number;

    public bool Flag(string name)
    {
        _read.Add(name);
        return _properties.TryGetValue(name, out var value)
            && (value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var flag) && flag));
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(item => Text(item) ?? item.GetRawText())),
        JsonValueKind.String => value.GetString() ?? string.Empty,
        _ => value.GetRawText(),
    };

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static bool HasValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => false,
        JsonValueKind.String => value.GetString() is { Length: > 0 },
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.Object => value.EnumerateObject().Any(),
        _ => true,
    };
}
