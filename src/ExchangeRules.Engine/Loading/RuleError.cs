using System.Globalization;

namespace ExchangeRules.Engine.Loading;

/// <summary>
/// One error in a file an admin writes (the rules file, a template, the agent configuration) with the place it
/// was found: the one located-error type every loader and validator reports.
/// </summary>
public sealed class RuleError
{
    /// <summary>Creates an error.</summary>
    /// <param name="path">The file the error is in (the rules file, a template file or the agent configuration).</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="message">What is wrong, in words an admin understands.</param>
    public RuleError(string path, int line, int column, string message)
    {
        Path = path;
        Line = line;
        Column = column;
        Message = message;
    }

    /// <summary>The file the error is in.</summary>
    public string Path { get; }

    /// <summary>The 1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <summary>The error as <c>path:line:column: message</c>.</summary>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2}: {3}", Path, Line, Column, Message);
}
