using System;

namespace ExchangeRules.Directory.Ldif;

/// <summary>An LDIF file is not valid; the message reads <c>path:line: what is wrong</c>.</summary>
public sealed class LdifFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file (or a name for the stream) the LDIF came from.</param>
    /// <param name="line">The 1-based line of the error.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    public LdifFormatException(string path, int line, string problem)
        : base($"{path}:{line}: {problem}")
    {
        Path = path;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file (or a name for the stream) the LDIF came from.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
