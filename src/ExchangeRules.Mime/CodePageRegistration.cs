using System;
using System.Text;
using System.Threading;

namespace ExchangeRules.Mime;

/// <summary>
/// Makes the legacy code pages (windows-125x, iso-8859-x, koi8-r, Shift_JIS, EUC-JP, ISO-2022-JP, GB2312, Big5 …)
/// available to MimeKit. .NET Framework has them built in; .NET Core and .NET 5+ only know UTF-8, UTF-16, UTF-32,
/// US-ASCII and Latin-1 until <see cref="CodePagesEncodingProvider"/> is registered. Without it MimeKit reads every
/// other charset as Latin-1, and a rewritten part would carry that damage for good.
/// </summary>
/// <remarks>
/// Every .NET host (the <c>exrules</c> CLI and its <c>serve</c>/<c>demo</c>, the benchmarks, the test hosts) calls
/// <see cref="Register"/> as the first statement of its entry point: MimeKit looks a charset up once and remembers the
/// answer, so a charset it asked for before the provider was registered stays unknown for the life of the process.
/// The editor does not depend on it being called: a part whose charset the runtime cannot decode is left byte-identical.
/// </remarks>
public static class CodePageRegistration
{
    private static int _registered;

    /// <summary>
    /// Registers <see cref="CodePagesEncodingProvider"/> once per process, behind a cache of the answers per code page
    /// number (<see cref="CodePageLookupCache"/>, asked first: the provider is slow even to decline the runtime's own
    /// encodings); later calls do nothing.
    /// </summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            Encoding.RegisterProvider(new CodePageLookupCache());
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        }
    }

    /// <summary>Whether the legacy code pages can be used in this process (windows-1252 stands for all of them).</summary>
    public static bool LegacyCodePagesAvailable
    {
        get
        {
            try
            {
                return Encoding.GetEncoding(1252).CodePage == 1252;
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                return false;
            }
        }
    }
}
