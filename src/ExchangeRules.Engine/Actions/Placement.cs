namespace ExchangeRules.Engine.Actions;

/// <summary>Where an inserted block goes in the body.</summary>
public enum Placement
{
    /// <summary>Under the newest reply: before the first top-level quoted-history marker, else at the end of the new text.</summary>
    UnderNewestReply = 0,

    /// <summary>At the top of the body.</summary>
    Top = 1,

    /// <summary>At the bottom of the body, under any quoted history.</summary>
    Bottom = 2,
}
