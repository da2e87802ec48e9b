using System;

namespace ExchangeRules.Directory.Caching;

/// <summary>One event of the directory cache, for the processor's log (this library has no logging dependency).</summary>
public sealed class DirectoryDiagnostic
{
    /// <summary>Creates the event.</summary>
    public DirectoryDiagnostic(DirectoryDiagnosticKind kind, string key, string message, Exception? exception = null)
    {
        Kind = kind;
        Key = key;
        Message = message;
        Exception = exception;
    }

    /// <summary>What happened.</summary>
    public DirectoryDiagnosticKind Kind { get; }

    /// <summary>The lookup concerned (for example <c>entry:someone@contoso.com</c>).</summary>
    public string Key { get; }

    /// <summary>A sentence for the log.</summary>
    public string Message { get; }

    /// <summary>The directory's error, if any.</summary>
    public Exception? Exception { get; }
}
