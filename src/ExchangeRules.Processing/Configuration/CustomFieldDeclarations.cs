using System;
using System.Collections.Generic;
using System.Xml;
using System.Xml.Linq;
using ExchangeRules.Directory;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Templates;

namespace ExchangeRules.Processing.Configuration;

/// <summary>
/// Reads the <c>&lt;attribute&gt;</c> declarations of <c>&lt;directory&gt;</c> and checks what the schema cannot: the
/// field name can be written in a template and is not built in, the LDAP name is an RFC 4512 descriptor of a text
/// attribute, and neither is declared twice (case-insensitive, as both templates and LDAP compare them).
/// </summary>
internal static class CustomFieldDeclarations
{
    /// <summary>The valid declarations, in order; each problem is reported at its attribute through <paramref name="error"/>.</summary>
    public static IReadOnlyList<CustomDirectoryField> Read(IEnumerable<XElement> declarations, Action<IXmlLineInfo, string> error)
    {
        var fields = new List<CustomDirectoryField>();
        var names = new Dictionary<string, IXmlLineInfo>(StringComparer.OrdinalIgnoreCase);
        var ldapNames = new Dictionary<string, (string Field, IXmlLineInfo Where)>(StringComparer.OrdinalIgnoreCase);
        foreach (var declaration in declarations)
        {
            var nameAttribute = declaration.Attribute("name")!;
            var ldapAttribute = declaration.Attribute("ldap");
            var name = nameAttribute.Value.Trim();
            var ldap = ldapAttribute?.Value.Trim() ?? name;
            var valid = true;
            if (TemplateFieldNames.Problem(name) is { } nameProblem)
            {
                error(nameAttribute, $"name: {nameProblem}.");
                valid = false;
            }
            else if (names.TryGetValue(name, out var first))
            {
                error(nameAttribute, $"name: the field '{name}' is already declared at line {first.LineNumber}.");
                valid = false;
            }

            if (LdapAttributeName.Problem(ldap) is { } ldapProblem)
            {
                error((IXmlLineInfo?)ldapAttribute ?? nameAttribute, $"ldap: {ldapProblem}.");
                valid = false;
            }
            else if (ldapNames.TryGetValue(DirectoryAttributes.Canonical(ldap), out var earlier))
            {
                error((IXmlLineInfo?)ldapAttribute ?? nameAttribute, $"ldap: the attribute '{ldap}' is already declared as the field '{earlier.Field}' at line {earlier.Where.LineNumber}; declare each attribute once.");
                valid = false;
            }

            if (!valid)
            {
                continue;
            }

            names.Add(name, nameAttribute);
            ldapNames.Add(DirectoryAttributes.Canonical(ldap), (name, nameAttribute));
            fields.Add(new CustomDirectoryField(name, DirectoryAttributes.Canonical(ldap), (bool?)declaration.Attribute("multiValued") ?? false));
        }

        // sender.employeeNumber must mean one thing: a field may not be named after another declaration's LDAP attribute.
        foreach (var field in fields)
        {
            if (ldapNames.TryGetValue(field.Name, out var other) && !other.Field.Equals(field.Name, StringComparison.OrdinalIgnoreCase))
            {
                error(names[field.Name], $"name: '{field.Name}' is the LDAP attribute of the field '{other.Field}' (line {other.Where.LineNumber}); sender.{field.Name} would be ambiguous, choose another name.");
            }
        }

        return fields;
    }
}
