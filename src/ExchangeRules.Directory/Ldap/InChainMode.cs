namespace ExchangeRules.Directory.Ldap;

/// <summary>Whether nested group membership uses AD's LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941).</summary>
public enum InChainMode
{
    /// <summary>Use it when the server's rootDSE says it is Active Directory, else walk the groups.</summary>
    Auto = 0,

    /// <summary>Always use it (AD and AD LDS).</summary>
    Always = 1,

    /// <summary>Never; walk <c>member</c> values level by level (OpenLDAP and other servers).</summary>
    Never = 2,
}
