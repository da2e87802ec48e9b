namespace ExchangeRules.Mime.Html;

/// <summary>Where to splice a block into an HTML body and where the newest (unquoted) text ends.</summary>
internal sealed class HtmlInsertionPoint
{
    public HtmlInsertionPoint(int insertAt, int newestEnd, string? markerName)
    {
        InsertAt = insertAt;
        NewestEnd = newestEnd;
        MarkerName = markerName;
    }

    /// <summary>The character offset in the decoded HTML to insert at.</summary>
    public int InsertAt { get; }

    /// <summary>The character offset where the quoted history starts (the end of the body when there is none).</summary>
    public int NewestEnd { get; }

    /// <summary>The name of the topmost reply marker found, or <see langword="null"/>.</summary>
    public string? MarkerName { get; }
}
