namespace ExchangeRules.Engine.Editing;

/// <summary>Where content placed under the newest reply went relative to the quoted history.</summary>
public enum PlacementPosition
{
    /// <summary>Above the topmost reply marker: the author wrote above the quote (top-posting), or forwarded without text.</summary>
    AboveMarker = 0,

    /// <summary>Below the author's text that follows the quote: a bottom-posted or interleaved reply.</summary>
    BelowQuote = 1,

    /// <summary>No reply marker was found: at the end of the part (a new message, or a reply shape no marker knows).</summary>
    EndNoMarker = 2,
}
