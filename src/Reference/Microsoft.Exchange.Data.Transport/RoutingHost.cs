using System;
using System.Net;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// A host a routing override delivers to: an IP address or a host name.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa564164(v=exchg.150).
/// </summary>
public class RoutingHost
{
    /// <summary>Parses <paramref name="address"/> as an IP address or a host name.</summary>
    /// <exception cref="FormatException"><paramref name="address"/> is neither.</exception>
    public RoutingHost(string address)
    {
        if (!TryRead(address, out IPAddress ip, out string hostName))
        {
            throw new FormatException($"'{address}' is neither an IP address nor a host name.");
        }

        Address = ip;
        HostName = hostName;
    }

    /// <summary>The IP address, or <see langword="null"/> for a host name.</summary>
    public IPAddress Address { get; }

    /// <summary>The host name, or <see langword="null"/> for an IP address.</summary>
    public string HostName { get; }

    /// <summary>Whether the host is an IP address.</summary>
    public bool IsIPAddress => Address is not null;

    /// <summary>Parses a host.</summary>
    /// <exception cref="FormatException"><paramref name="address"/> is neither an IP address nor a host name.</exception>
    public static RoutingHost Parse(string address) => new(address);

    /// <summary>Parses a host; returns false when <paramref name="address"/> is neither an IP address nor a host name.</summary>
    public static bool TryParse(string address, out RoutingHost routinghost)
    {
        routinghost = TryRead(address, out _, out _) ? new RoutingHost(address) : null;
        return routinghost is not null;
    }

    /// <summary>The IP address or host name.</summary>
    public override string ToString() => HostName ?? Address.ToString();

    private static bool TryRead(string address, out IPAddress ip, out string hostName)
    {
        hostName = null;
        if (IPAddress.TryParse(address ?? string.Empty, out ip))
        {
            return true;
        }

        if (SmtpAddressSyntax.IsValidDomain(address))
        {
            hostName = address;
            return true;
        }

        return false;
    }
}
