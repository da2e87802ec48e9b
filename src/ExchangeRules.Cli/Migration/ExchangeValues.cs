using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ExchangeRules.Cli.Migration;

/// <summary>Exchange's value formats, read into what the rules file writes.</summary>
internal static partial class ExchangeValues
{
    /// <summary>
    /// Exchange's attribute names for <c>SenderADAttributeContainsWords</c> and its relatives (New-TransportRule) and
    /// the Active Directory attributes behind them, as the template tokens in docs/templates.md map them.
    /// </summary>
    private static readonly Dictionary<string, string> _attributes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["City"] = "l",
        ["Company"] = "company",
        ["Country"] = "co",
        ["Department"] = "department",
        ["DisplayName"] = "displayName",
        ["Email"] = "mail",
        ["FaxNumber"] = "facsimileTelephoneNumber",
        ["FirstName"] = "givenName",
        ["HomePhoneNumber"] = "homePhone",
        ["Initials"] = "initials",
        ["LastName"] = "sn",
        ["Manager"] = "manager",
        ["MobileNumber"] = "mobile",
        ["Notes"] = "info",
        ["Office"] = "physicalDeliveryOfficeName",
        ["OtherFaxNumber"] = "otherFacsimileTelephoneNumber",
        ["OtherHomePhoneNumber"] = "otherHomePhone",
        ["OtherPhoneNumber"] = "otherTelephone",
        ["PagerNumber"] = "pager",
        ["PhoneNumber"] = "telephoneNumber",
        ["POBox"] = "postOfficeBox",
        ["State"] = "st",
        ["Street"] = "streetAddress",
        ["Title"] = "title",
        ["UserLogonName"] = "userPrincipalName",
        ["ZipCode"] = "postalCode",
    };

    /// <summary>The LDAP attribute for an Exchange attribute name (<c>CustomAttribute1</c>..15 are extensionAttribute1..15).</summary>
    public static string? LdapAttribute(string exchangeName)
    {
        if (_attributes.TryGetValue(exchangeName, out var ldap))
        {
            return ldap;
        }

        var custom = CustomAttribute().Match(exchangeName);
        return custom.Success && int.Parse(custom.Groups[1].Value, CultureInfo.InvariantCulture) is >= 1 and <= 15
            ? "extensionAttribute" + custom.Groups[1].Value
            : null;
    }

    /// <summary>
    /// A size as Exchange prints it (<c>10 MB (10,485,760 bytes)</c>) or as New-TransportRule takes it
    /// (<c>10MB</c>, <c>512 KB</c>, <c>1048576</c>), as the rules file writes it (<c>10485760</c>); <see langword="null"/> when unreadable.
    /// </summary>
    public static string? Size(string value)
    {
        var bytes = BytesInParentheses().Match(value);
        if (bytes.Success)
        {
            return bytes.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        }

        var quantity = Quantity().Match(value.Trim());
        if (!quantity.Success || !decimal.TryParse(quantity.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var unit = quantity.Groups[2].Value.ToUpperInvariant();
        var factor = unit switch
        {
            "KB" => 1024m,
            "MB" => 1024m * 1024,
            "GB" => 1024m * 1024 * 1024,
            "TB" => 1024m * 1024 * 1024 * 1024,
            _ => 1m,
        };
        return decimal.Truncate(number * factor).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A date as the export script writes it (ISO 8601 with offset), as Windows PowerShell's ConvertTo-Json writes
    /// a DateTime (<c>/Date(1767225600000)/</c>), or as typed (<c>2026-12-31 18:00</c>, taken as UTC); in UTC.
    /// </summary>
    public static DateTime? Date(string value)
    {
        var epoch = JsonDate().Match(value);
        if (epoch.Success)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(epoch.Groups[1].Value, CultureInfo.InvariantCulture)).UtcDateTime;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.UtcDateTime
            : null;
    }

    [GeneratedRegex(@"^CustomAttribute(\d{1,2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CustomAttribute();

    [GeneratedRegex(@"\(([\d,.]+) bytes\)", RegexOptions.CultureInvariant)]
    private static partial Regex BytesInParentheses();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();

    [GeneratedRegex(@"^/Date\((-?\d+)(?:[+-]\d{4})?\)/$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonDate();
}
