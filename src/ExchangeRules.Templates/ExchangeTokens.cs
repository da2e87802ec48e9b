using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Templates;

/// <summary>
/// Exchange's disclaimer tokens (<c>%%DisplayName%%</c>, from <c>ApplyHtmlDisclaimerText</c>) and the names older
/// Exchange and third-party disclaimers used, mapped to placeholders, so migrated disclaimers keep working.
/// All read the sender; <c>%%Manager%%</c> is the manager's display name, as in Exchange.
/// </summary>
internal static class ExchangeTokens
{
    public static IReadOnlyDictionary<string, string> Placeholders { get; } = Build();

    private static Dictionary<string, string> Build()
    {
        var tokens = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            // The 23 tokens of Exchange mail flow rules.
            ["City"] = "sender.city",
            ["Company"] = "sender.company",
            ["CountryOrRegion"] = "sender.country",
            ["Department"] = "sender.department",
            ["DisplayName"] = "sender.displayName",
            ["Fax"] = "sender.fax",
            ["FirstName"] = "sender.firstName",
            ["HomePhone"] = "sender.homePhone",
            ["Initials"] = "sender.initials",
            ["LastName"] = "sender.lastName",
            ["Manager"] = "manager.displayName",
            ["MobilePhone"] = "sender.mobile",
            ["Notes"] = "sender.notes",
            ["Office"] = "sender.office",
            ["Pager"] = "sender.pager",
            ["Phone"] = "sender.phone",
            ["PostalCode"] = "sender.postalCode",
            ["PostOfficeBox"] = "sender.poBox",
            ["StateOrProvince"] = "sender.state",
            ["StreetAddress"] = "sender.street",
            ["Title"] = "sender.title",
            ["UserPrincipalName"] = "sender.upn",
            ["WindowsEmailAddress"] = "sender.email",

            // Names used by Exchange 2007 era and third-party disclaimer tools.
            ["PhoneNumber"] = "sender.phone",
            ["OtherPhoneNumber"] = "sender.otherPhone",
            ["Email"] = "sender.email",
            ["Street"] = "sender.street",
            ["POBox"] = "sender.poBox",
            ["State"] = "sender.state",
            ["ZipCode"] = "sender.postalCode",
            ["Country"] = "sender.country",
            ["HomePhoneNumber"] = "sender.homePhone",
            ["OtherHomePhoneNumber"] = "sender.otherHomePhone",
            ["PagerNumber"] = "sender.pager",
            ["MobileNumber"] = "sender.mobile",
            ["FaxNumber"] = "sender.fax",
            ["OtherFaxNumber"] = "sender.otherFax",
            ["UserLogonName"] = "sender.upn",
        };
        foreach (var i in Enumerable.Range(1, 15))
        {
            tokens["CustomAttribute" + i] = "sender.customAttribute" + i;
        }

        return tokens;
    }
}
