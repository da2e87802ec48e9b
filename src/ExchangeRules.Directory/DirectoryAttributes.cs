using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Directory;

/// <summary>The Active Directory attributes the providers read, and the names some servers return instead.</summary>
public static class DirectoryAttributes
{
    /// <summary>The binary attribute carrying the user's photo.</summary>
    public const string ThumbnailPhoto = "thumbnailPhoto";

    /// <summary>The attribute holding the manager's distinguished name.</summary>
    public const string Manager = "manager";

    /// <summary>The attribute read for every entry (AD's LDAP display names): <see cref="DirectorySchema.StandardAttributes"/>.</summary>
    public static IReadOnlyList<string> Standard => DirectorySchema.StandardAttributes;

    /// <summary>Attributes whose values are bytes rather than text.</summary>
    internal static ISet<string> Binary { get; } =
        new HashSet<string>(new[] { ThumbnailPhoto, "jpegPhoto", "objectGUID", "objectSid" }, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Names a non-AD server may return for an AD attribute (OpenLDAP's primary names); mapped back so a
    /// template sees the AD name whichever server answered.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> Aliases { get; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["street"] = "streetAddress",
            ["fax"] = "facsimileTelephoneNumber",
            ["surname"] = "sn",
            ["gn"] = "givenName",
            ["localityName"] = "l",
            ["stateOrProvinceName"] = "st",
            ["friendlyCountryName"] = "co",
            ["homeTelephoneNumber"] = "homePhone",
            ["mobileTelephoneNumber"] = "mobile",
            ["pagerTelephoneNumber"] = "pager",
            ["rfc822Mailbox"] = "mail",
            ["commonName"] = "cn",
        };

    /// <summary>
    /// The AD name for an attribute name a server returned (<c>surname</c> is <c>sn</c>): entries carry this name, so a
    /// declared attribute is looked up by it.
    /// </summary>
    /// <param name="name">An LDAP attribute name.</param>
    public static string Canonical(string name) => Aliases.TryGetValue(name, out var ad) ? ad : name;
}
