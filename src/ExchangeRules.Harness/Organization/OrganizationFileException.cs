using System;

namespace ExchangeRules.Harness.Organization;

/// <summary>An organisation file is invalid; the message names the file, line and column.</summary>
public sealed class OrganizationFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrganizationFileException(string message, string fileName, int line, int column, Exception? inner = null)
        : base($"{message} File={fileName} Line={line} Column={column}", inner)
    {
        FileName = fileName;
        Line = line;
        Column = column;
    }

    /// <summary>The file (or resource) name.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line, 0 when not known.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, 0 when not known.</summary>
    public int Column { get; }
}
