namespace ExchangeRules.Engine.Loading;

/// <summary>Limits and settings for loading a rules file.</summary>
public sealed class RuleLoadOptions
{
    /// <summary>The default options.</summary>
    public static RuleLoadOptions Default { get; } = new();

    /// <summary>The largest image a template may embed, in bytes (default 1 MB).</summary>
    public int MaxImageBytes { get; init; } = 1024 * 1024;

    /// <summary>The largest file <c>addAttachment</c> may attach, in bytes (default 10 MB).</summary>
    public int MaxAttachmentBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>The largest template file, in bytes (default 256 KB).</summary>
    public int MaxTemplateBytes { get; init; } = 256 * 1024;

    /// <summary>
    /// How many condition groups (<c>all</c>, <c>any</c>, <c>not</c>) may nest inside each other (default 32). Deeper
    /// files are rejected with the location of the first group too deep: evaluation recurses per level and Exchange's
    /// transport threads have 1 MB stacks.
    /// </summary>
    public int MaxConditionDepth { get; init; } = 32;

    /// <summary>The largest regular-expression match timeout a rules file may ask for, in milliseconds (default 2000).</summary>
    public int MaxRegexTimeoutMilliseconds { get; init; } = 2000;
}
