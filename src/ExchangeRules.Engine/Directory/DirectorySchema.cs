using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Engine.Directory;

/// <summary>
/// The directory attributes every provider reads (Active Directory's LDAP display names). The LDAP provider asks
/// for these plus the configured additional attributes; template validation accepts exactly these names (and the
/// additional ones) after <c>sender.</c>, so a typo is an error instead of an empty line.
/// </summary>
public static class DirectorySchema
{
    /// <summary>The binary attribute carrying the user's photo.</summary>
    public const string ThumbnailPhoto = "thumbnailPhoto";

    /// <summary>The attribute holding the manager's distinguished name.</summary>
    public const string Manager = "manager";

    /// <summary>The attributes read for every entry.</summary>
    public static IReadOnlyList<string> StandardAttributes { get; } = new[]
    {
        "displayName", "givenName", "sn", "initials", "cn", "title", "department", "company",
        "physicalDeliveryOfficeName", "telephoneNumber", "otherTelephone", "mobile", "otherMobile",
        "facsimileTelephoneNumber", "otherFacsimileTelephoneNumber", "homePhone", "otherHomePhone", "pager",
        "streetAddress", "postOfficeBox", "l", "st", "postalCode", "co", "c", "wWWHomePage",
        "userPrincipalName", "sAMAccountName", "info", "mail", "proxyAddresses", "objectClass", Manager,
    }.Concat(Enumerable.Range(1, 15).Select(i => "extensionAttribute" + i)).ToArray();
}
