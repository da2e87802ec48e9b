namespace ExchangeRules.Mime.Html;

/// <summary>Where to splice a block into an HTML or plain-text body and where the newest (unquoted) text ends.</summary>
internal sealed class HtmlInsertionPoint
{
    public HtmlInsertionPoint(int insertAt, int newestEnd, string? markerName, PlacementLayout layout = PlacementLayout.AboveQuote, bool dependsOnWholeText = false, int? quoteStart = null)
    {
        QuoteStart = quoteStart ?? newestEnd;
        InsertAt = insertAt;
        NewestEnd = newestEnd;
        MarkerName = markerName;
        Layout = markerName is null ? PlacementLayout.NoMarker : layout;
        DependsOnWholeText = dependsOnWholeText;
    }

    /// <summary>The character offset in the decoded text to insert at.</summary>
    public int InsertAt { get; }

    /// <summary>The character offset where the newest text ends (the quoted history starts, or the author's text below it ends).</summary>
    public int NewestEnd { get; }

    /// <summary>Where the topmost marker is (the end of the text when there is none).</summary>
    public int QuoteStart { get; }

    /// <summary>The name of the topmost reply marker found, or <see langword="null"/>.</summary>
    public string? MarkerName { get; }

    /// <summary>How the reply is laid out: the author's text above the quote, below it, or no quote found.</summary>
    public PlacementLayout Layout { get; }

    /// <summary>Whether the answer looked at text after the marker (a prefix of the part cannot decide it).</summary>
    public bool DependsOnWholeText { get; }
}
