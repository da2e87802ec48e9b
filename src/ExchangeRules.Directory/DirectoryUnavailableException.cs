using System;

namespace ExchangeRules.Directory;

/// <summary>The directory server could not be reached or did not answer in time (as opposed to "no such entry").</summary>
public sealed class DirectoryUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DirectoryUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
