using System;

namespace ExchangeRules.Engine.Templates;

/// <summary>
/// A template could not be compiled; carries the location of the error and the reason without it, so a caller that
/// reports the location itself (the rules loader, at the admin's file, line and column) says it once.
/// </summary>
public sealed class TemplateCompileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What is wrong, without the location (it is added to <see cref="Exception.Message"/>).</param>
    /// <param name="sourceName">The file or rule element the template came from.</param>
    /// <param name="line">The 1-based line inside the template, 0 when unknown.</param>
    /// <param name="column">The 1-based column inside the template, 0 when unknown.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public TemplateCompileException(string reason, string sourceName, int line, int column, Exception? inner = null)
        : base(Located(reason, sourceName, line, column), inner)
    {
        Reason = reason;
        SourceName = sourceName;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong, without the location; <see cref="Exception.Message"/> is <c>source:line:column: reason</c>.</summary>
    public string Reason { get; }

    /// <summary>The file or rule element the template came from.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line of the error inside the template (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error inside the template (0 when unknown).</summary>
    public int Column { get; }

    private static string Located(string reason, string sourceName, int line, int column) =>
        line > 0 ? $"{sourceName}:{line}:{column}: {reason}" : $"{sourceName}: {reason}";
}
