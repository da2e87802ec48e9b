using System;
using System.Collections.Concurrent;
using System.Text;

namespace ExchangeRules.Mime;

/// <summary>
/// Remembers the encoding <see cref="Encoding.GetEncoding(int)"/> returns for each code page number, so that the
/// registered providers are asked once per number instead of once per lookup. Registered before
/// <see cref="CodePagesEncodingProvider"/> (see <see cref="CodePageRegistration.Register"/>).
/// </summary>
/// <remarks>
/// On .NET Core <see cref="Encoding.GetEncoding(int)"/> asks every registered provider before the runtime answers for
/// its own encodings, and <see cref="CodePagesEncodingProvider"/> reads its code page index from an embedded resource on
/// every call before looking at its cache: about 0.8 µs per lookup, even for UTF-8, which it then declines. MimeKit
/// looks an encoding up by number for every address it parses (the From check of every message), so that was a tenth
/// of the processor's time on a message no rule touches. The first lookup of a number asks the providers after this one
/// and the runtime (this provider stands aside while it does) and keeps what they answer, the very instance a lookup
/// without the cache returns. Code page numbers are bounded (0–65535), so the cache cannot grow with what messages say;
/// lookups by name, and with fallbacks, are left to the other providers and the runtime (MimeKit caches names itself).
/// Providers registered after the first lookup of a number are not asked for it again.
/// </remarks>
internal sealed class CodePageLookupCache : EncodingProvider
{
    private const int _highestCodePage = 65535;

    // Set while this thread asks the runtime on the cache's behalf: the runtime asks the providers again, and this one
    // must then decline so that the others answer.
    [ThreadStatic]
    private static bool _resolving;

    private readonly ConcurrentDictionary<int, Encoding?> _byCodePage = new();

    /// <inheritdoc />
    public override Encoding? GetEncoding(int codepage)
    {
        if (_resolving || codepage is < 0 or > _highestCodePage)
        {
            return null;
        }

        if (_byCodePage.TryGetValue(codepage, out var known))
        {
            return known;
        }

        Encoding? encoding;
        _resolving = true;
        try
        {
            encoding = Encoding.GetEncoding(codepage);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // Nobody knows the number: decline every time, so that the lookup fails as it would without the cache.
            encoding = null;
        }
        finally
        {
            _resolving = false;
        }

        return _byCodePage.GetOrAdd(codepage, encoding);
    }

    /// <inheritdoc />
    public override Encoding? GetEncoding(string name) => null;

    /// <inheritdoc />
    public override Encoding? GetEncoding(int codepage, EncoderFallback encoderFallback, DecoderFallback decoderFallback) => null;

    /// <inheritdoc />
    public override Encoding? GetEncoding(string name, EncoderFallback encoderFallback, DecoderFallback decoderFallback) => null;
}
