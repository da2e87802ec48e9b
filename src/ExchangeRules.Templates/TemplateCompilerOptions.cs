using System;
using System.Collections.Generic;
using System.Globalization;
using ExchangeRules.Engine.Directory;

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
    /// The directory attributes the agent configuration declares (<c>&lt;directory&gt;&lt;attribute&gt;</c>): each is a
    /// person field under its declared name (and under its LDAP name when that is a plain identifier). Any other name
    /// after <c>sender.</c>, <c>manager.</c> or <c>onBehalfOf.</c> beyond the built-in fields
    /// (<see cref="TemplateFieldNames.BuiltIn"/>) is a compile error.
    /// </summary>
    public IReadOnlyList<CustomDirectoryField> CustomFields { get; init; } = Array.Empty<CustomDirectoryField>();

    /// <summary>The culture for dates and numbers; default the invariant culture.</summary>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;
}
