using System;
using System.Collections.Generic;
using MimeKit;

namespace ExchangeRules.Mime;

/// <summary>
/// The few top-level header fields read on every message (the transport handler: the organisation authentication
/// headers, the processed marker, our own header names, the identity a marker is bound to; the trait detection: the
/// auto-reply, list and message-class fields), from one of two readings of the same block that decide alike: the
/// block's index (<see cref="HeaderBlockIndex"/>: field boundaries only, a value decoded when asked), or MimeKit's
/// <see cref="HeaderList"/> when the index declines the block (anything but the plain shape, a block without its empty
/// line, one past the cache's size limit). Building a MimeKit header for each of a block's 30-60 fields to read five
/// of them was most of the handler's own time per message, and about 5 µs of the editor's on a stamped message
/// (docs/performance.md, targets 2 and 5).
/// </summary>
/// <remarks>
/// Both readings give the same names and values: the index's names and values are MimeKit's for every block it
/// accepts (<c>HeaderBlockIndexOracleTests</c>), names are matched ignoring case as <see cref="HeaderList"/>'s lookups
/// do, and every field of a name is seen, so a forged or duplicated field is treated exactly as before
/// (the <c>TopLevelFieldsOracleTests</c> of the Processing tests compare the handler's decisions from both readings,
/// those of the Mime tests the traits).
/// </remarks>
/// <threadsafety>Immutable once made; safe for concurrent reads.</threadsafety>
internal sealed class TopLevelFields
{
    private readonly HeaderBlockIndex? _index;
    private readonly HeaderList? _headers;
    private readonly ParserOptions _options;

    private TopLevelFields(HeaderBlockIndex? index, HeaderList? headers, ParserOptions options)
    {
        _index = index;
        _headers = headers;
        _options = options;
    }

    /// <summary>No fields: a header block that could not be read.</summary>
    public static TopLevelFields Empty { get; } = new(null, new HeaderList(), ParserOptions.Default);

    /// <summary>Whether the fields come from the index rather than MimeKit's parse; for tests.</summary>
    public bool IsIndexed => _index is not null;

    /// <summary>The indexed block's bytes before its empty line; empty when the fields come from MimeKit's parse.</summary>
    public ReadOnlySpan<byte> IndexedBytes => _index is null ? default : _index.FieldBytes;

    /// <summary>How many fields the block has.</summary>
    public int Count => _index?.Count ?? _headers!.Count;

    /// <summary>The decoded value of the first field named <paramref name="name"/> (case ignored), or <see langword="null"/>.</summary>
    public string? this[string name]
    {
        get
        {
            if (_index is null)
            {
                return _headers![name];
            }

            var field = _index.IndexOf(name);
            return field < 0 ? null : _index.GetValue(field, _options);
        }
    }

    /// <summary>Reads the fields from an index of the block, decoding values with <paramref name="options"/> (MimeKit's defaults when omitted).</summary>
    public static TopLevelFields Of(HeaderBlockIndex index, ParserOptions? options = null) =>
        new(index ?? throw new ArgumentNullException(nameof(index)), null, options ?? ParserOptions.Default);

    /// <summary>Reads the fields from MimeKit's parse of the block.</summary>
    public static TopLevelFields Of(HeaderList headers) => new(null, headers ?? throw new ArgumentNullException(nameof(headers)), ParserOptions.Default);

    /// <summary>Whether a field named <paramref name="name"/> is present, case ignored (MimeKit's <see cref="HeaderList.Contains(string)"/>).</summary>
    public bool Contains(string name) => _index is not null ? _index.IndexOf(name) >= 0 : _headers!.Contains(name);

    /// <summary>The decoded values of every field named <paramref name="name"/> (case ignored), in order.</summary>
    public List<string> ValuesOf(string name)
    {
        var values = new List<string>();
        if (_index is null)
        {
            foreach (var header in _headers!)
            {
                if (string.Equals(header.Field, name, StringComparison.OrdinalIgnoreCase))
                {
                    values.Add(header.Value);
                }
            }

            return values;
        }

        for (var field = _index.IndexOf(name); field >= 0; field = _index.IndexOf(name, field + 1))
        {
            values.Add(_index.GetValue(field, _options));
        }

        return values;
    }

    /// <summary>The names (as first written, each once ignoring case) of the fields whose names start with <paramref name="prefix"/> (case ignored).</summary>
    public List<string> NamesStartingWith(string prefix)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        for (var field = 0; field < Count; field++)
        {
            string name;
            if (_index is null)
            {
                name = _headers![field].Field;
                if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
            }
            else
            {
                if (!_index.NameStartsWith(field, prefix))
                {
                    continue;
                }

                name = _index.GetName(field);
            }

            if (seen.Add(name))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
