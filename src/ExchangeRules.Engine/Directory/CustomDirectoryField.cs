using System;

namespace ExchangeRules.Engine.Directory;

/// <summary>
/// A directory attribute the agent configuration declares for templates (<c>&lt;directory&gt;&lt;attribute
/// name="costCenter" ldap="contoso-CostCenter" /&gt;</c>): the directory reads <see cref="LdapName"/> for every entry
/// and templates show it as <c>sender.costCenter</c> (and <c>manager.</c>, <c>onBehalfOf.</c>). Validated where the
/// configuration is read; this type only carries the declaration.
/// </summary>
public sealed class CustomDirectoryField
{
    /// <summary>Creates a declaration.</summary>
    /// <param name="name">The template field name (<c>costCenter</c>).</param>
    /// <param name="ldapName">The LDAP attribute it reads (<c>contoso-CostCenter</c>).</param>
    /// <param name="multiValued">Whether templates see every value (a list) rather than the first.</param>
    public CustomDirectoryField(string name, string ldapName, bool multiValued = false)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        LdapName = ldapName ?? throw new ArgumentNullException(nameof(ldapName));
        MultiValued = multiValued;
    }

    /// <summary>The template field name.</summary>
    public string Name { get; }

    /// <summary>The LDAP display name of the attribute read from the directory.</summary>
    public string LdapName { get; }

    /// <summary>Whether templates see every value as a list (<c>{% for x in sender.name %}</c>, <c>| join</c>) rather than the first value.</summary>
    public bool MultiValued { get; }

    /// <inheritdoc />
    public override string ToString() => Name == LdapName ? Name : $"{Name} ({LdapName})";
}
