using System;
using System.Collections.Generic;

namespace ExchangeRules.Directory;

/// <summary>Reads Exchange's <c>proxyAddresses</c>: <c>SMTP:</c> is the primary address, <c>smtp:</c> a secondary one.</summary>
internal static class ProxyAddresses
{
    private const string _smtp = "smtp:";

    /// <summary>The SMTP addresses among the proxy addresses (other types such as X500 are skipped).</summary>
    public static IEnumerable<string> SmtpAddresses(IEnumerable<string> proxyAddresses)
    {
        foreach (var proxy in proxyAddresses)
        {
            if (proxy.StartsWith(_smtp, StringComparison.OrdinalIgnoreCase) && proxy.Length > _smtp.Length)
            {
                yield return proxy.Substring(_smtp.Length);
            }
        }
    }

    /// <summary>The primary address (<c>SMTP:</c> in capitals), or <see langword="null"/>.</summary>
    public static string? Primary(IEnumerable<string> proxyAddresses)
    {
        foreach (var proxy in proxyAddresses)
        {
            if (proxy.StartsWith("SMTP:", StringComparison.Ordinal) && proxy.Length > _smtp.Length)
            {
                return proxy.Substring(_smtp.Length);
            }
        }

        return null;
    }
}
