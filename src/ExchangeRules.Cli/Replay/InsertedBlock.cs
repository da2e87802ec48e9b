namespace ExchangeRules.Cli.Replay;

/// <summary>A signature, disclaimer or banner that landed in one recipient's copy.</summary>
/// <param name="Template">The rules file's template name.</param>
/// <param name="Kind"><c>signature</c>, <c>disclaimer</c> or <c>banner</c>.</param>
/// <param name="Placement">The rules file's placement name (<c>top</c>, <c>bottom</c>, <c>underNewestReply</c>).</param>
/// <param name="ContentHash">A short hash of the rendered HTML and text, so a changed template text shows in a diff.</param>
internal sealed record InsertedBlock(string Template, string Kind, string Placement, string ContentHash)
{
    /// <summary>The block as the cases file writes it: <c>template@placement</c>.</summary>
    public string Key => Template + "@" + Placement;
}
