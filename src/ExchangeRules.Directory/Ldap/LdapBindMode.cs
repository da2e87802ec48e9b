namespace ExchangeRules.Directory.Ldap;

/// <summary>How the LDAP provider authenticates.</summary>
public enum LdapBindMode
{
    /// <summary>Kerberos/NTLM as the process (on Exchange: the Transport service's computer account); or the configured credentials.</summary>
    Negotiate = 0,

    /// <summary>Simple bind with a DN or UPN and password; use only with LDAPS or StartTLS.</summary>
    Simple = 1,

    /// <summary>No credentials (test servers; AD refuses anonymous searches).</summary>
    Anonymous = 2,
}
