namespace ExchangeRules.Engine.Actions;

/// <summary>What an inserted block is; decides defaults and how duplicates are recognised.</summary>
public enum InsertionKind
{
    /// <summary>A personal signature (default placement: under the newest reply).</summary>
    Signature = 0,

    /// <summary>A disclaimer (default placement: bottom).</summary>
    Disclaimer = 1,

    /// <summary>A banner such as an external-sender warning (default placement: top).</summary>
    Banner = 2,
}
