using System;

namespace Microsoft.Exchange.Data.Mime;

/// <summary>An unstructured text header.</summary>
public class TextHeader : Header
{
    private string _value;

    /// <summary>Creates a header with a name and value.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or not a valid header name.</exception>
    public TextHeader(string name, string value)
        : base(ValidName(name))
    {
        _value = value ?? string.Empty;
    }

    /// <inheritdoc />
    /// <remarks>Sealed, as in Exchange's Data.Common (reference §7, "Reference-assembly traps"): a subclass that overrides it would not load on a server.</remarks>
    public sealed override string Value
    {
        get => _value;
        set => _value = value ?? string.Empty;
    }

    private static string ValidName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A header needs a name.", nameof(name));
        }

        foreach (char c in name)
        {
            if (c <= ' ' || c >= 0x7f || c == ':')
            {
                throw new ArgumentException($"'{name}' is not a valid header name.", nameof(name));
            }
        }

        return name;
    }
}
