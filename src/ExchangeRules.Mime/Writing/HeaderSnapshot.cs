using MimeKit;

namespace ExchangeRules.Mime.Writing;

/// <summary>The headers of one header list as parsed: each header and the raw value array it had.</summary>
internal sealed class HeaderSnapshot
{
    private readonly Header[] _headers;
    private readonly byte[][] _rawValues;

    private HeaderSnapshot(Header[] headers, byte[][] rawValues)
    {
        _headers = headers;
        _rawValues = rawValues;
    }

    /// <summary>How many headers the list had.</summary>
    public int Count => _headers.Length;

    public static HeaderSnapshot Of(HeaderList headers)
    {
        var list = new Header[headers.Count];
        var rawValues = new byte[headers.Count][];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = headers[i];
            rawValues[i] = headers[i].RawValue;
        }

        return new HeaderSnapshot(list, rawValues);
    }

    /// <summary>Whether <paramref name="headers"/> holds the same headers, in the same order, with unchanged values.</summary>
    public bool Matches(HeaderList headers) => headers.Count == _headers.Length && StartsWithSnapshot(headers);

    /// <summary>
    /// Whether <paramref name="headers"/> starts with the headers of the snapshot, unchanged and in the same order:
    /// headers were only added after them (or nothing changed).
    /// </summary>
    public bool StartsWithSnapshot(HeaderList headers)
    {
        if (headers.Count < _headers.Length)
        {
            return false;
        }

        for (var i = 0; i < _headers.Length; i++)
        {
            var header = headers[i];
            if (!ReferenceEquals(header, _headers[i]) || !ReferenceEquals(header.RawValue, _rawValues[i]))
            {
                return false;
            }
        }

        return true;
    }
}
