using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// The top-level header fields the trait detection reads, from MimeKit's <see cref="HeaderList"/> or straight from the
/// indexed block (<see cref="HeaderBlockIndex"/>): building a <see cref="HeaderList"/> of a 30–60 field block only to
/// look up a handful of names cost about 5 µs a message on the stamped path (performance target 2).
/// </summary>
/// <remarks>
/// Both answer as MimeKit's lookups do: a name matches ignoring ASCII case (<see cref="HeaderBlockIndex.NameIs"/>),
/// the first matching field's decoded value is <see cref="Header.Value"/> (<see cref="HeaderBlockIndex.GetValue"/>,
/// compared with MimeKit's by <c>HeaderBlockIndexOracleTests</c>).
/// </remarks>
internal readonly struct TopLevelFields
{
    private readonly HeaderList? _headers;
    private readonly HeaderBlockIndex? _index;
    private readonly ParserOptions? _options;

    public TopLevelFields(HeaderList headers)
    {
        _headers = headers;
        _index = null;
        _options = null;
    }

    public TopLevelFields(HeaderBlockIndex index, ParserOptions options)
    {
        _headers = null;
        _index = index;
        _options = options;
    }

    /// <summary>Whether a field named <paramref name="name"/> is present (MimeKit's <see cref="HeaderList.Contains(string)"/>).</summary>
    public bool Contains(string name) => _index is not null ? _index.IndexOf(name) >= 0 : _headers!.Contains(name);

    /// <summary>The decoded value of the first field named <paramref name="name"/>, or <see langword="null"/> (MimeKit's <see cref="HeaderList"/> indexer).</summary>
    public string? this[string name]
    {
        get
        {
            if (_index is null)
            {
                return _headers![name];
            }

            var field = _index.IndexOf(name);
            return field >= 0 ? _index.GetValue(field, _options!) : null;
        }
    }
}
