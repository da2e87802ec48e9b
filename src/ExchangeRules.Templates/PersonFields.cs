using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Templates;

/// <summary>
/// The friendly placeholder names of a person (<c>sender.phone</c>) and the Active Directory attribute each
/// reads. Every AD attribute is also reachable by its own LDAP name (<c>sender.telephoneNumber</c>).
/// </summary>
internal static class PersonFields
{
    public static IReadOnlyDictionary<string, string> Attributes { get; } = Build();

    private static Dictionary<string, string> Build()
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["displayName"] = "displayName",
            ["firstName"] = "givenName",
            ["lastName"] = "sn",
            ["initials"] = "initials",
            ["title"] = "title",
            ["department"] = "department",
            ["company"] = "company",
            ["office"] = "physicalDeliveryOfficeName",
            ["phone"] = "telephoneNumber",
            ["otherPhone"] = "otherTelephone",
            ["mobile"] = "mobile",
            ["otherMobile"] = "otherMobile",
            ["fax"] = "facsimileTelephoneNumber",
            ["otherFax"] = "otherFacsimileTelephoneNumber",
            ["homePhone"] = "homePhone",
            ["otherHomePhone"] = "otherHomePhone",
            ["pager"] = "pager",
            ["street"] = "streetAddress",
            ["poBox"] = "postOfficeBox",
            ["city"] = "l",
            ["state"] = "st",
            ["postalCode"] = "postalCode",
            ["country"] = "co",
            ["countryCode"] = "c",
            ["website"] = "wWWHomePage",
            ["upn"] = "userPrincipalName",
            ["logonName"] = "sAMAccountName",
            ["notes"] = "info",
            ["email"] = "mail",
        };
        foreach (var i in Enumerable.Range(1, 15))
        {
            fields["customAttribute" + i] = "extensionAttribute" + i;
        }

        return fields;
    }
}
