namespace ExchangeRules.Engine.Organization;

/// <summary>Where a recipient lives, as far as on-premises transport can know.</summary>
public enum RecipientLocation
{
    /// <summary>Outside the organisation (not an accepted domain).</summary>
    External = 0,

    /// <summary>A mailbox or other recipient hosted on-premises.</summary>
    OnPremises = 1,

    /// <summary>A remote (Exchange Online) mailbox known on-premises as a mail user with a target address.</summary>
    Cloud = 2,

    /// <summary>In an accepted domain but unknown on-premises (for example a cloud-only object).</summary>
    UnknownInternal = 3,
}
