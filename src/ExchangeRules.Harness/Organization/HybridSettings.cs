using System;

namespace ExchangeRules.Harness.Organization;

/// <summary>How the on-premises organisation and Exchange Online are connected.</summary>
public sealed class HybridSettings
{
    /// <summary>Creates the settings.</summary>
    public HybridSettings(string tenantDomain, bool centralizedMailTransport, MxTarget mx, string outboundConnector, RedirectRule? redirectRule)
    {
        TenantDomain = tenantDomain ?? throw new ArgumentNullException(nameof(tenantDomain));
        CentralizedMailTransport = centralizedMailTransport;
        Mx = mx;
        OutboundConnector = outboundConnector ?? throw new ArgumentNullException(nameof(outboundConnector));
        RedirectRule = redirectRule;
    }

    /// <summary>The coexistence routing domain (for example <c>contoso.mail.onmicrosoft.com</c>), the remote mailboxes' target domain.</summary>
    public string TenantDomain { get; }

    /// <summary>Whether Exchange Online sends internet-bound mail of cloud mailboxes through on-premises (CMT).</summary>
    public bool CentralizedMailTransport { get; }

    /// <summary>Where internet mail arrives first.</summary>
    public MxTarget Mx { get; }

    /// <summary>The name of Exchange Online's outbound connector to on-premises (used in the PowerShell that hybrid-check prints).</summary>
    public string OutboundConnector { get; }

    /// <summary>The Exchange Online transport rule that routes cloud-to-cloud mail through on-premises, if any.</summary>
    public RedirectRule? RedirectRule { get; }
}
