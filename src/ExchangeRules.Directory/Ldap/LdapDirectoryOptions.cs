using System;
using System.Collections.Generic;

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

    /// <summary>Extra attributes to read for templates (custom placeholders), by LDAP display name.</summary>
    public IReadOnlyList<string> AdditionalAttributes { get; init; } = Array.Empty<string>();

    /// <summary>Whether nested groups use AD's in-chain matching rule.</summary>
    public InChainMode InChain { get; init; } = InChainMode.Auto;

    /// <summary>How many levels of nested groups the fallback walk follows; default 32.</summary>
    public int MaxGroupDepth { get; init; } = 32;
}
