using System;
using System.Collections.Generic;
using System.Globalization;

namespace ExchangeRules.Templates;

/// <summary>Limits and settings for compiled templates. Defaults suit signatures and disclaimers.</summary>
public sealed class TemplateCompilerOptions
{
    /// <summary>The most statements a render may execute (bounds loops); default 10,000.</summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>The deepest nesting of blocks a render may reach; default 16.</summary>
    public int MaxRecursion { get; init; } = 16;

    /// <summary>The longest output, in characters, a render may produce; default 256 KiB.</summary>
    public int MaxOutputLength { get; init; } = 256 * 1024;

    /// <summary>
    /// Directory attributes beyond <see cref="Engine.Directory.DirectorySchema.StandardAttributes"/> that templates may
    /// read (the LDAP provider's additional attributes, custom LDIF attributes); any other name after <c>sender.</c>,
    /// <c>manager.</c> or <c>onBehalfOf.</c> is a compile error.
    /// </summary>
    public IReadOnlyCollection<string> AdditionalAttributes { get; init; } = Array.Empty<string>();

    /// <summary>The culture for dates and numbers; default the invariant culture.</summary>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;
}
