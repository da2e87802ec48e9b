using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ExchangeRules.Cli.Migration;

/// <summary>One side's JSON of install/Export-Organization.ps1, read by property name (case-insensitive).</summary>
internal sealed class OrganizationExport
{
    private readonly JsonElement _root;

    private OrganizationExport(JsonElement root, string path)
    {
        _root = root;
        Path = path;
    }

    public string Path { get; }

    /// <exception cref="JsonException">Not JSON.</exception>
    /// <exception cref="FormatException">Not an export of the expected side.</exception>
    public static OrganizationExport Parse(byte[] json, string path, string side)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement.Clone();
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{path}: expected the object install/Export-Organization.ps1 writes");
        }

        var export = new OrganizationExport(root, path);
        var actual = Text(root, "Side");
        if (!string.Equals(actual, side, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"{path}: \"Side\" is '{actual ?? "missing"}', expected '{side}' (run install/Export-Organization.ps1 -Side {side})");
        }

        return export;
    }

    public string? String(string name) => Text(_root, name);

    public JsonElement? Object(string name) => Get(_root, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public IReadOnlyList<JsonElement> List(string name) => Get(_root, name) switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object).ToList(),
        { ValueKind: JsonValueKind.Object } single => new[] { single },
        _ => Array.Empty<JsonElement>(),
    };

    public bool Has(string name) => Get(_root, name) is { ValueKind: not JsonValueKind.Null };

    public static string? Text(JsonElement element, string name) => Get(element, name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString() is { Length: > 0 } text ? text : null,
        { ValueKind: JsonValueKind.True } => "True",
        { ValueKind: JsonValueKind.False } => "False",
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };

    public static IReadOnlyList<string> Texts(JsonElement element, string name) => Get(element, name) switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).Where(text => text.Length > 0).ToList(),
        { ValueKind: JsonValueKind.String } value when value.GetString() is { Length: > 0 } text => new[] { text },
        _ => Array.Empty<string>(),
    };

    public static bool Flag(JsonElement element, string name) => Text(element, name) is "True" or "true";

    private static JsonElement? Get(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
