namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>
/// The disclaimer job shared by the alterMIME comparison and the stamping benchmarks. It carries non-ASCII
/// characters on purpose: a correct inserter must keep every part valid in its declared charset.
/// </summary>
internal static class Disclaimer
{
    /// <summary>The words both variants contain, used to count the disclaimer in the output.</summary>
    public const string Marker = "Contoso Société Anonyme, Zürich";

    /// <summary>The plain-text disclaimer.</summary>
    public const string Text = "\r\n--\r\nConfidentiality notice: this e-mail is meant for its addressees only. " + Marker + ".\r\n";

    /// <summary>The HTML disclaimer (a fragment, UTF-8 when written to a file).</summary>
    public const string Html = "<div style=\"font-size:8pt;color:#666666\"><p>Confidentiality notice: this e-mail is meant for its addressees only. " + Marker + ".</p></div>";
}
