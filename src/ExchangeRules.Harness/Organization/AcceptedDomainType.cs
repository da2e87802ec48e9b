namespace ExchangeRules.Harness.Organization;

/// <summary>How on-premises Exchange treats an accepted domain (Get-AcceptedDomain's DomainType).</summary>
public enum AcceptedDomainType
{
    /// <summary>Every recipient of the domain is known on-premises; unknown addresses bounce (5.1.10).</summary>
    Authoritative = 0,

    /// <summary>Shared address space: unknown addresses are relayed to Exchange Online.</summary>
    InternalRelay = 1,
}
