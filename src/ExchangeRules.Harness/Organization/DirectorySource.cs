namespace ExchangeRules.Harness.Organization;

/// <summary>Where rules read directory attributes from: an LDIF export or an LDAP server.</summary>
public sealed class DirectorySource
{
    /// <summary>Creates the source description.</summary>
    public DirectorySource(string? ldifPath, string? ldapUrl, string? baseDn)
    {
        LdifPath = ldifPath;
        LdapUrl = ldapUrl;
        BaseDn = baseDn;
    }

    /// <summary>The full path of an LDIF export, resolved against the organisation file's folder.</summary>
    public string? LdifPath { get; }

    /// <summary>An LDAP URL, for example <c>ldap://127.0.0.1:3389</c>.</summary>
    public string? LdapUrl { get; }

    /// <summary>The search base for LDAP.</summary>
    public string? BaseDn { get; }
}
