namespace ExchangeRules.Engine.Editing;

/// <summary>Where inserted content went in one body part, and what decided it.</summary>
public sealed class PartPlacement
{
    /// <summary>Creates a placement record.</summary>
    /// <param name="part">The part's media type, <c>text/html</c> or <c>text/plain</c>.</param>
    /// <param name="marker">The reply marker that decided, or <see langword="null"/> when none was found.</param>
    /// <param name="position">Where the content went relative to the quoted history.</param>
    /// <param name="line">The 1-based line of the decoded part the content was inserted at.</param>
    /// <param name="offset">The character offset in the decoded part.</param>
    public PartPlacement(string part, string? marker, PlacementPosition position, int line, int offset)
    {
        Part = part;
        Marker = marker;
        Position = position;
        Line = line;
        Offset = offset;
    }

    /// <summary>The part's media type, <c>text/html</c> or <c>text/plain</c>.</summary>
    public string Part { get; }

    /// <summary>The reply marker that decided, or <see langword="null"/> when none was found.</summary>
    public string? Marker { get; }

    /// <summary>Where the content went relative to the quoted history.</summary>
    public PlacementPosition Position { get; }

    /// <summary>The 1-based line of the decoded part the content was inserted at.</summary>
    public int Line { get; }

    /// <summary>The character offset in the decoded part.</summary>
    public int Offset { get; }

    /// <summary>Whether no marker was found and the content fell back to the end of the part.</summary>
    public bool IsFallback => Position == PlacementPosition.EndNoMarker;
}
