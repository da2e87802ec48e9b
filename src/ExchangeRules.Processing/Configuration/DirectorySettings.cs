using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Processing.Configuration;

/// <summary>How bind to the directory: negotiate (the computer account), simple (name and password) or anonymous.</summary>
internal enum LdapAuthentication
{
    Negotiate = 0,
    Simple = 1,
    Anonymous = 2,
}

/// <summary>Where directory data comes from: LDAP (a URL, or the global catalog discovered) or an LDIF file.</summary>
internal sealed class DirectorySettings
{
    /// <summary>The LDIF file (absolute) when the directory is a file; otherwise <see langword="null"/>.</summary>
    public string? LdifPath { get; init; }

    /// <summary>The LDAP URL; <see langword="null"/> with LDAP means discover the global catalog.</summary>
    public Uri? LdapUrl { get; init; }

    public string? BaseDn { get; init; }

    public LdapAuthentication Authentication { get; init; } = LdapAuthentication.Negotiate;

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(15);

    public TimeSpan LookupTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public int MaxCacheEntries { get; init; } = 50000;

    /// <summary>
    /// The attributes declared with <c>&lt;attribute&gt;</c>: requested from LDAP beside the standard ones and known to
    /// templates under their field names. Empty when none are declared.
    /// </summary>
    public IReadOnlyList<CustomDirectoryField> CustomFields { get; init; } = Array.Empty<CustomDirectoryField>();
}
