namespace ExchangeRules.Engine.Directory;

/// <summary>
/// Directory data (Active Directory over LDAP, or an LDIF file offline) for conditions and templates.
/// Implementations cache and bound the time a lookup may take; they never throw for a missing entry.
/// </summary>
public interface IDirectory
{
    /// <summary>Finds the entry whose primary or secondary SMTP address this is, or <see langword="null"/>.</summary>
    DirectoryEntry? FindBySmtpAddress(string smtpAddress);

    /// <summary>
    /// Whether the recipient with this SMTP address is a member, directly or through nested groups,
    /// of the group named by its SMTP address, distinguished name or common name.
    /// </summary>
    bool IsMemberOf(string smtpAddress, string group);
}
