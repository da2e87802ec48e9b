using System.Collections.Concurrent;
using System.Text;

namespace ExchangeRules.Mime;

/// <summary>
/// Remembers what <see cref="CodePagesEncodingProvider"/> answers for each code page number, the numbers it does not
/// know (UTF-8, US-ASCII, Latin-1, which the runtime serves) included.
/// </summary>
/// <remarks>
/// On .NET Core every <see cref="Encoding.GetEncoding(int)"/> asks the registered providers first, and
/// <see cref="CodePagesEncodingProvider"/> reads its code page index from an embedded resource on every call before it
/// looks at its own cache: about 0.8 µs per lookup, even for UTF-8, which it then declines. MimeKit looks an encoding up
/// by number for every address it parses (the From check of every message), so that was a tenth of the time the
/// processor spends on a message no rule touches. The answers never change, the provider already returns one instance
/// per code page, and code page numbers are bounded (0–65535), so the cache cannot grow with what messages say; names
/// are passed through uncached for that reason (MimeKit keeps its own cache of charset names).
/// </remarks>
internal sealed class CodePageLookupCache : EncodingProvider
{
    private const int HighestCodePage = 65535;

    private readonly EncodingProvider _provider;
    private readonly ConcurrentDictionary<int, Encoding?> _byCodePage = new();

    /// <summary>Wraps <paramref name="provider"/>.</summary>
    public CodePageLookupCache(EncodingProvider provider)
    {
        _provider = provider;
    }

    /// <inheritdoc />
    public override Encoding? GetEncoding(int codepage)
    {
        if (codepage is < 0 or > HighestCodePage)
        {
            return _provider.GetEncoding(codepage);
        }

        return _byCodePage.TryGetValue(codepage, out var encoding) ? encoding : _byCodePage.GetOrAdd(codepage, _provider.GetEncoding(codepage));
    }

    /// <inheritdoc />
    public override Encoding? GetEncoding(string name) => _provider.GetEncoding(name);

    /// <inheritdoc />
    public override Encoding? GetEncoding(int codepage, EncoderFallback encoderFallback, DecoderFallback decoderFallback) =>
        _provider.GetEncoding(codepage, encoderFallback, decoderFallback);

    /// <inheritdoc />
    public override Encoding? GetEncoding(string name, EncoderFallback encoderFallback, DecoderFallback decoderFallback) =>
        _provider.GetEncoding(name, encoderFallback, decoderFallback);
}
