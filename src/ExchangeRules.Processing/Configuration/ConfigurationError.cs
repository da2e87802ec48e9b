using System.Globalization;

namespace ExchangeRules.Processing.Configuration;

/// <summary>One problem in the agent configuration file, with where it is.</summary>
internal sealed class ConfigurationError
{
    public ConfigurationError(string path, int line, int column, string message)
    {
        Path = path;
        Line = line;
        Column = column;
        Message = message;
    }

    public string Path { get; }

    public int Line { get; }

    public int Column { get; }

    public string Message { get; }

    /// <summary>The error as <c>path:line:column: message</c>.</summary>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2}: {3}", Path, Line, Column, Message);
}
