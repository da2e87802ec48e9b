using System;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// RFC 5321 mailbox syntax as transport checks it: a dot-atom or quoted local part and a host name
/// (address literals such as <c>[192.0.2.1]</c> are not valid routing addresses). Non-ASCII characters are
/// allowed (SMTPUTF8).
/// </summary>
internal static class SmtpAddressSyntax
{
    private const string _atomSpecials = "!#$%&'*+-/=?^_`{|}~";

    /// <summary>Splits <paramref name="address"/> at its last '@' when both parts are valid.</summary>
    internal static bool TrySplit(string address, out string localPart, out string domainPart)
    {
        localPart = null;
        domainPart = null;
        if (string.IsNullOrEmpty(address))
        {
            return false;
        }

        int at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return false;
        }

        string local = address.Substring(0, at);
        string domain = address.Substring(at + 1);
        if (!IsValidLocalPart(local) || !IsValidDomain(domain))
        {
            return false;
        }

        localPart = local;
        domainPart = domain;
        return true;
    }

    /// <summary>Whether <paramref name="domain"/> is a host name: dot-separated labels of letters, digits and inner hyphens.</summary>
    internal static bool IsValidDomain(string domain)
    {
        if (string.IsNullOrEmpty(domain) || domain.Length > 255)
        {
            return false;
        }

        foreach (string label in domain.Split('.'))
        {
            if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[label.Length - 1] == '-')
            {
                return false;
            }

            foreach (char c in label)
            {
                if (!(IsAsciiLetterOrDigit(c) || c == '-' || c > 127))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> has a character outside US-ASCII.</summary>
    internal static bool HasNonAscii(string text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c > 127)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsValidLocalPart(string local) =>
        local.Length >= 2 && local[0] == '"' && local[local.Length - 1] == '"'
            ? IsValidQuotedString(local)
            : IsValidDotAtom(local);

    private static bool IsValidDotAtom(string text)
    {
        if (text.Length == 0 || text[0] == '.' || text[text.Length - 1] == '.' || text.Contains(".."))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(c == '.' || IsAsciiLetterOrDigit(c) || _atomSpecials.IndexOf(c) >= 0 || c > 127))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidQuotedString(string text)
    {
        for (int i = 1; i < text.Length - 1; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                i++;
                if (i >= text.Length - 1 || text[i] < 32 || text[i] == 127)
                {
                    return false;
                }
            }
            else if (c == '"' || c < 32 || c == 127)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
