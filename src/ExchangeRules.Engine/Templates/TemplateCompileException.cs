using System;

namespace ExchangeRules.Engine.Templates;

/// <summary>A template could not be compiled; carries the location of the error.</summary>
public sealed class TemplateCompileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateCompileException(string message, string sourceName, int line, int column, Exception? inner = null)
        : base(message, inner)
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
    }

    /// <summary>The file or rule element the template came from.</summary>
    public string SourceName { get; }

    /// <summary>The 1-based line of the error inside the template (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error inside the template (0 when unknown).</summary>
    public int Column { get; }
}
