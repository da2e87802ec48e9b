namespace ExchangeRules.Mime.Html;

/// <summary>Where the author's newest text sits relative to the quoted history.</summary>
internal enum PlacementLayout
{
    /// <summary>No reply marker was found: the whole body is the newest text.</summary>
    NoMarker = 0,

    /// <summary>Top-posted: the author's text is above the topmost marker (or there is none: a forward).</summary>
    AboveQuote = 1,

    /// <summary>Bottom-posted or interleaved: the body starts with the quote and the author's text follows it.</summary>
    BelowQuote = 2,
}
