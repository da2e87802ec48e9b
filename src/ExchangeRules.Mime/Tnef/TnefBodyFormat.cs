namespace ExchangeRules.Mime.Tnef;

/// <summary>The body a TNEF message carries, by the property that holds it.</summary>
public enum TnefBodyFormat
{
    /// <summary>No body property.</summary>
    None,

    /// <summary>PR_HTML (PidTagHtml, binary in the message code page) or PR_BODY_HTML.</summary>
    Html,

    /// <summary>PR_RTF_COMPRESSED (LZFu or uncompressed RTF).</summary>
    Rtf,

    /// <summary>PR_BODY only.</summary>
    Plain,
}
