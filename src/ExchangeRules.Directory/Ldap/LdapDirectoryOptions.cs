using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeRules.Directory.Ldap;

/// <summary>Where and how the LDAP provider connects. The defaults suit an Exchange server joined to its forest.</summary>
public sealed class LdapDirectoryOptions
{
    /// <summary>The server's host name or address; <see langword="null"/> finds a Global Catalog of the local forest (Windows only).</summary>
    public string? Server { get; init; }

    /// <summary>The port; default 3268 (Global Catalog), 3269 with <see cref="UseSsl"/>, or 389/636 when <see cref="UseGlobalCatalog"/> is off.</summary>
    public int? Port { get; init; }

    /// <summary>Search the Global Catalog (the whole forest); default on. Off searches one domain's naming context.</summary>
    public bool UseGlobalCatalog { get; init; } = true;

    /// <summary>LDAPS (TLS from the first byte).</summary>
    public bool UseSsl { get; init; }

    /// <summary>Upgrade a plain connection with StartTLS before binding.</summary>
    public bool UseStartTls { get; init; }

    /// <summary>How to authenticate; default Negotiate as the service account.</summary>
    public LdapBindMode BindMode { get; init; } = LdapBindMode.Negotiate;

    /// <summary>The user to bind as (DN or UPN for simple bind, user name for Negotiate); <see langword="null"/> = the process identity.</summary>
    public string? UserName { get; init; }

    /// <summary>The password for <see cref="UserName"/>.</summary>
    public string? Password { get; init; }

    /// <summary>The domain of <see cref="UserName"/> for Negotiate.</summary>
    public string? Domain { get; init; }

    /// <summary>Where searches start; default: the forest (GC) or the server's default naming context.</summary>
    public string? SearchBase { get; init; }

    /// <summary>How long one LDAP operation may take before it counts as failed; default 5 seconds.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(5);

    private IReadOnlyList<string> _additionalAttributes = Array.Empty<string>();

    /// <summary>
    /// Extra attributes to read for templates (the configuration's declared custom fields), by LDAP display name. The
    /// provider asks for exactly the standard attributes and these, never for every attribute (<c>*</c>).
    /// </summary>
    public IReadOnlyList<string> AdditionalAttributes
    {
        get => _additionalAttributes;
        init => _additionalAttributes = value ?? Array.Empty<string>();
    }

    /// <summary>Whether nested groups use AD's in-chain matching rule.</summary>
    public InChainMode InChain { get; init; } = InChainMode.Auto;

    /// <summary>How many levels of nested groups the fallback walk follows; default 32.</summary>
    public int MaxGroupDepth { get; init; } = 32;

    /// <summary>A copy of these options that also reads <paramref name="attributes"/>.</summary>
    /// <param name="attributes">LDAP display names to read beside <see cref="AdditionalAttributes"/>.</param>
    public LdapDirectoryOptions WithAdditionalAttributes(IEnumerable<string> attributes)
    {
        var copy = (LdapDirectoryOptions)MemberwiseClone();
        copy._additionalAttributes = AdditionalAttributes.Concat(attributes ?? throw new ArgumentNullException(nameof(attributes)))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return copy;
    }

    /// <summary>
    /// Options for an LDAP URL (RFC 4516): <c>ldap://host[:port][/searchBase]</c> or <c>ldaps://…</c>. Port 3268/3269
    /// means the Global Catalog; the credentials and bind mode come from the arguments.
    /// </summary>
    /// <param name="url">The URL, for example <c>ldaps://dc1.contoso.com/DC=contoso,DC=com</c>.</param>
    /// <param name="bindMode">How to authenticate.</param>
    /// <param name="userName">The user to bind as, or <see langword="null"/>.</param>
    /// <param name="password">The password, or <see langword="null"/>.</param>
    /// <exception cref="FormatException">The URL is not an ldap:// or ldaps:// URL with a host.</exception>
    public static LdapDirectoryOptions FromUrl(string url, LdapBindMode bindMode = LdapBindMode.Negotiate, string? userName = null, string? password = null)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
            || !(uri.Scheme.Equals("ldap", StringComparison.OrdinalIgnoreCase) || uri.Scheme.Equals("ldaps", StringComparison.OrdinalIgnoreCase))
            || uri.Host.Length == 0)
        {
            throw new FormatException($"'{url}' is not an LDAP URL (ldap://host[:port][/base DN] or ldaps://…)");
        }

        var ssl = uri.Scheme.Equals("ldaps", StringComparison.OrdinalIgnoreCase);
        var port = uri.IsDefaultPort || uri.Port < 0 ? (ssl ? 636 : 389) : uri.Port;
        var searchBase = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new LdapDirectoryOptions
        {
            Server = uri.Host,
            Port = port,
            UseSsl = ssl,
            UseGlobalCatalog = port is 3268 or 3269,
            SearchBase = searchBase.Length == 0 ? null : searchBase,
            BindMode = bindMode,
            UserName = userName,
            Password = password,
        };
    }
}
