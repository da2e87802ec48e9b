using System;
using System.Text.RegularExpressions;

namespace ExchangeRules.Directory;

/// <summary>
/// Checks an attribute name the configuration asks the directory for, by RFC 4512 section 1.4: a descriptor
/// (<c>descr</c>: a letter, then letters, digits and hyphens, as Active Directory's <c>ldapDisplayName</c>) is what
/// the providers request and key entries by. A numeric OID is well-formed LDAP but servers return the values under
/// the attribute's name, so the field would stay empty; attribute options (<c>;binary</c>, <c>;lang-de</c>) are
/// returned under the option-qualified name. Both are refused with the reason.
/// </summary>
public static class LdapAttributeName
{
    private static readonly Regex _descriptor = new("^[A-Za-z][A-Za-z0-9-]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex _numericOid = new(@"^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Why <paramref name="name"/> cannot be requested as a text attribute, or <see langword="null"/> when it can.</summary>
    /// <param name="name">The attribute name as written in the configuration.</param>
    public static string? Problem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "an LDAP attribute name is required";
        }

        if (name.IndexOf(';') >= 0 && _descriptor.IsMatch(name.Substring(0, name.IndexOf(';'))))
        {
            return $"'{name}' has an attribute option ({name.Substring(name.IndexOf(';'))}); options are not supported: name the attribute alone";
        }

        if (_numericOid.IsMatch(name))
        {
            return $"'{name}' is a numeric OID; servers return values under the attribute's name, so write its LDAP display name (for example 'employeeID') instead";
        }

        if (!_descriptor.IsMatch(name))
        {
            return $"'{name}' is not an LDAP attribute name: RFC 4512 allows a letter followed by letters, digits and hyphens (for example 'extensionAttribute5', 'msDS-cloudExtensionAttribute3', 'contoso-CostCenter')";
        }

        if (DirectoryAttributes.Binary.Contains(name))
        {
            return $"'{name}' holds binary data, not text" + (name.Equals(DirectoryAttributes.ThumbnailPhoto, StringComparison.OrdinalIgnoreCase) ? "; templates show the photo as sender.photo" : string.Empty);
        }

        return null;
    }
}
