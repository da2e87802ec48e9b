using System;
using System.Collections.Generic;
using System.DirectoryServices.Protocols;
using System.Linq;
using System.Net;
using ExchangeRules.Engine.Directory;

namespace ExchangeRules.Directory.Ldap;

/// <summary>
/// Active Directory (or any LDAP server carrying AD's attribute names) over System.DirectoryServices.Protocols.
/// On Exchange it binds to a Global Catalog of the local forest as the Transport service's account; otherwise
/// to the configured server and credentials. It does not cache: wrap it in <see cref="Caching.CachingDirectory"/>.
/// A missing entry is <see langword="null"/>/<see langword="false"/>; an unreachable or slow server throws
/// <see cref="DirectoryUnavailableException"/>.
/// </summary>
public sealed class LdapDirectory : IDirectory, IDisposable
{
    private const string _inChainRule = "1.2.840.113556.1.4.1941";
    private const string _activeDirectoryCapability = "1.2.840.113556.1.4.800";
    private const int _memberFilterBatch = 50;
    private static readonly string[] _dnOnly = { "1.1" };
    private static readonly string[] _rootDseAttributes = { "defaultNamingContext", "namingContexts", "supportedCapabilities" };

    private readonly LdapDirectoryOptions _options;
    private readonly string[] _attributes;
    private readonly object _sync = new();
    private LdapConnection? _connection;
    private ServerInfo? _server;
    private bool _disposed;

    /// <summary>Creates the provider; it connects on first use.</summary>
    public LdapDirectory(LdapDirectoryOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _attributes = DirectoryAttributes.Standard
            .Concat(new[] { DirectoryAttributes.ThumbnailPhoto })
            .Concat(options.AdditionalAttributes)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    /// <summary>Whether the server said it is Active Directory (and so answers nested groups itself); connects if needed.</summary>
    public bool IsActiveDirectory => Server().IsActiveDirectory;

    /// <inheritdoc />
    public DirectoryEntry? FindBySmtpAddress(string smtpAddress)
    {
        var address = smtpAddress?.Trim() ?? string.Empty;
        if (address.Length == 0)
        {
            return null;
        }

        var found = Search(Server().SearchBase, AddressFilter(address), SearchScope.Subtree, _attributes);
        if (found.Count == 0)
        {
            return null;
        }

        var builder = ToBuilder(found[0]);
        DirectoryEntry? manager = null;
        if (builder.ManagerDn is { } managerDn)
        {
            var managers = Search(managerDn, "(objectClass=*)", SearchScope.Base, _attributes);
            manager = managers.Count > 0 ? ToBuilder(managers[0]).Build(manager: null) : null;
        }

        return builder.Build(manager);
    }

    /// <inheritdoc />
    public bool IsMemberOf(string smtpAddress, string group)
    {
        var address = smtpAddress?.Trim() ?? string.Empty;
        if (address.Length == 0 || string.IsNullOrWhiteSpace(group))
        {
            return false;
        }

        var server = Server();
        var member = Search(server.SearchBase, AddressFilter(address), SearchScope.Subtree, _dnOnly).FirstOrDefault();
        var groupDn = ResolveGroup(group.Trim(), server);
        if (member is null || groupDn is null)
        {
            return false;
        }

        var useInChain = _options.InChain switch
        {
            InChainMode.Always => true,
            InChainMode.Never => false,
            _ => server.IsActiveDirectory,
        };
        if (useInChain)
        {
            var filter = $"(memberOf:{_inChainRule}:={LdapFilter.Escape(groupDn)})";
            return Search(member.DistinguishedName, filter, SearchScope.Base, _dnOnly).Count > 0;
        }

        return NestedGroupResolver.IsMember(member.DistinguishedName, groupDn, children => ParentsOf(children, server), _options.MaxGroupDepth);
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            _connection?.Dispose();
            _connection = null;
        }
    }

    private static string AddressFilter(string address)
    {
        var escaped = LdapFilter.Escape(address);

        // proxyAddresses matches case-insensitively, so "smtp:" finds primary (SMTP:) and secondary (smtp:) alike.
        return $"(|(mail={escaped})(proxyAddresses=smtp:{escaped}))";
    }

    private static EntryBuilder ToBuilder(SearchResultEntry entry)
    {
        var builder = new EntryBuilder(entry.DistinguishedName);
        foreach (string name in entry.Attributes.AttributeNames)
        {
            var attribute = entry.Attributes[name];
            if (DirectoryAttributes.Binary.Contains(name))
            {
                foreach (byte[] value in attribute.GetValues(typeof(byte[])))
                {
                    builder.AddBinary(name, value);
                }

                continue;
            }

            foreach (string value in attribute.GetValues(typeof(string)))
            {
                builder.Add(name, value);
            }
        }

        return builder;
    }

    private IEnumerable<string> ParentsOf(IReadOnlyCollection<string> children, ServerInfo server)
    {
        foreach (var batch in children.Select((dn, index) => (dn, index)).GroupBy(pair => pair.index / _memberFilterBatch))
        {
            var filter = "(|" + string.Concat(batch.Select(pair => "(member=" + LdapFilter.Escape(pair.dn) + ")")) + ")";
            foreach (var parent in Search(server.SearchBase, filter, SearchScope.Subtree, _dnOnly))
            {
                yield return parent.DistinguishedName;
            }
        }
    }

    private string? ResolveGroup(string group, ServerInfo server)
    {
        if (DistinguishedNames.LooksLikeDistinguishedName(group))
        {
            return group;
        }

        var escaped = LdapFilter.Escape(group);
        var filter = group.IndexOf('@') >= 0
            ? AddressFilter(group)
            : $"(&(objectClass=group)(|(cn={escaped})(sAMAccountName={escaped})(displayName={escaped})))";
        return Search(server.SearchBase, filter, SearchScope.Subtree, _dnOnly).FirstOrDefault()?.DistinguishedName;
    }

    private List<SearchResultEntry> Search(string searchBase, string filter, SearchScope scope, string[] attributes)
    {
        var connection = Connection();
        var request = new SearchRequest(searchBase, filter, scope, attributes) { TimeLimit = _options.OperationTimeout };
        try
        {
            var response = (SearchResponse)connection.SendRequest(request, _options.OperationTimeout);
            return response.Entries.Cast<SearchResultEntry>().ToList();
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.NoSuchObject)
        {
            return new List<SearchResultEntry>();
        }
        catch (Exception ex) when (ex is LdapException or DirectoryException or TimeoutException or InvalidOperationException)
        {
            Reset(connection);
            throw new DirectoryUnavailableException($"LDAP search failed ({Describe()}): {ex.Message}", ex);
        }
    }

    private ServerInfo Server()
    {
        var known = _server;
        if (known is not null)
        {
            return known;
        }

        var connection = Connection();
        SearchResultEntry? rootDse;
        try
        {
            var request = new SearchRequest(string.Empty, "(objectClass=*)", SearchScope.Base, _rootDseAttributes);
            rootDse = ((SearchResponse)connection.SendRequest(request, _options.OperationTimeout)).Entries.Cast<SearchResultEntry>().FirstOrDefault();
        }
        catch (Exception ex) when (ex is LdapException or DirectoryException or TimeoutException or InvalidOperationException)
        {
            Reset(connection);
            throw new DirectoryUnavailableException($"reading the rootDSE failed ({Describe()}): {ex.Message}", ex);
        }

        var capabilities = Values(rootDse, "supportedCapabilities");
        var isActiveDirectory = capabilities.Contains(_activeDirectoryCapability, StringComparer.Ordinal);
        var searchBase = _options.SearchBase
            ?? (isActiveDirectory && _options.UseGlobalCatalog ? string.Empty : null)
            ?? FirstOf(Values(rootDse, "defaultNamingContext"))
            ?? FirstOf(Values(rootDse, "namingContexts"))
            ?? string.Empty;
        known = new ServerInfo(searchBase, isActiveDirectory);
        _server = known;
        return known;
    }

    private static string? FirstOf(IReadOnlyList<string> values) => values.Count > 0 ? values[0] : null;

    private static IReadOnlyList<string> Values(SearchResultEntry? entry, string attribute)
    {
        if (entry is null || !entry.Attributes.Contains(attribute))
        {
            return Array.Empty<string>();
        }

        return entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>().ToList();
    }

    private LdapConnection Connection()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(LdapDirectory));
            }

            if (_connection is not null)
            {
                return _connection;
            }

            var connection = new LdapConnection(new LdapDirectoryIdentifier(_options.Server, Port(), false, false));
            try
            {
                connection.SessionOptions.ProtocolVersion = 3;
                connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
                connection.Timeout = _options.OperationTimeout;
                if (_options.UseSsl)
                {
                    connection.SessionOptions.SecureSocketLayer = true;
                }

                if (_options.UseStartTls)
                {
                    connection.SessionOptions.StartTransportLayerSecurity(null);
                }

                connection.AuthType = _options.BindMode switch
                {
                    LdapBindMode.Simple => AuthType.Basic,
                    LdapBindMode.Anonymous => AuthType.Anonymous,
                    _ => AuthType.Negotiate,
                };
                if (_options.BindMode != LdapBindMode.Anonymous && _options.UserName is not null)
                {
                    connection.Credential = new NetworkCredential(_options.UserName, _options.Password, _options.Domain);
                }

                connection.Bind();
            }
            catch (Exception ex) when (ex is LdapException or DirectoryException or TimeoutException or InvalidOperationException or PlatformNotSupportedException)
            {
                connection.Dispose();
                throw new DirectoryUnavailableException($"cannot connect to the directory ({Describe()}): {ex.Message}", ex);
            }

            _connection = connection;
            return connection;
        }
    }

    private void Reset(LdapConnection failed)
    {
        lock (_sync)
        {
            if (ReferenceEquals(_connection, failed))
            {
                _connection = null;
                failed.Dispose();
            }
        }
    }

    private int Port() =>
        _options.Port ?? (_options.UseGlobalCatalog ? (_options.UseSsl ? 3269 : 3268) : (_options.UseSsl ? 636 : 389));

    private string Describe() => (_options.Server ?? "Global Catalog of the local forest") + ":" + Port();

    private sealed class ServerInfo
    {
        public ServerInfo(string searchBase, bool isActiveDirectory)
        {
            SearchBase = searchBase;
            IsActiveDirectory = isActiveDirectory;
        }

        public string SearchBase { get; }

        public bool IsActiveDirectory { get; }
    }
}
