using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Templates;

/// <summary>
/// The field names a person has in templates without any declaration (the friendly names of docs/templates.md, the
/// directory schema's attributes, <c>photo</c>, <c>manager</c>, <c>distinguishedName</c>), and the rules a declared
/// custom field name must follow. The template field check and the configuration's validation both ask here.
/// </summary>
public static class TemplateFieldNames
{
    private static readonly Regex _identifier = new("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Every built-in person field, case-insensitive.</summary>
    public static IReadOnlyCollection<string> BuiltIn { get; } = Build();

    /// <summary>Whether <paramref name="field"/> is a built-in person field (case-insensitive).</summary>
    /// <param name="field">A field name.</param>
    public static bool IsBuiltIn(string field) => ((HashSet<string>)BuiltIn).Contains(field);

    /// <summary>Why <paramref name="field"/> cannot be declared as a custom field, or <see langword="null"/> when it can.</summary>
    /// <param name="field">The name a configuration declares.</param>
    public static string? Problem(string field)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return "a field name is required";
        }

        if (!_identifier.IsMatch(field))
        {
            return $"'{field}' is not a template field name: a letter followed by letters, digits and underscores, so it can be written sender.{field}";
        }

        if (IsBuiltIn(field))
        {
            return $"'{field}' is already a built-in field (docs/templates.md); choose another name";
        }

        return null;
    }

    private static HashSet<string> Build()
    {
        var fields = new HashSet<string>(PersonFields.Attributes.Keys, StringComparer.OrdinalIgnoreCase);
        fields.UnionWith(DirectorySchema.StandardAttributes);
        fields.UnionWith(new[] { "photo", "manager", "distinguishedName", DirectorySchema.ThumbnailPhoto });
        return fields;
    }
}
