namespace ExchangeRules.Harness.Organization;

/// <summary>Where the organisation's MX record points, i.e. where internet mail arrives first.</summary>
public enum MxTarget
{
    /// <summary>Internet mail arrives at on-premises Exchange.</summary>
    OnPremises = 0,

    /// <summary>Internet mail arrives at Exchange Online (EOP).</summary>
    ExchangeOnline = 1,
}
