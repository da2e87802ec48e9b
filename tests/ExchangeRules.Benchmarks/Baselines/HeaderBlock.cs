using System.IO;
using MimeKit;

namespace ExchangeRules.Benchmarks.Baselines;

/// <summary>
/// The practical limit of "decide from envelope and headers": parse the top-level header block and stop,
/// never touching the body.
/// </summary>
internal static class HeaderBlock
{
    /// <summary>Parses only the top-level headers of <paramref name="mime"/>; returns how many there are.</summary>
    public static int Parse(byte[] mime)
    {
        using var input = new MemoryStream(mime, writable: false);
        return HeaderList.Load(input).Count;
    }
}
