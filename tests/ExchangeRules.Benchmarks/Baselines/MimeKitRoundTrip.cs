using System.IO;
using MimeKit;

namespace ExchangeRules.Benchmarks.Baselines;

/// <summary>
/// The baseline every message scenario is measured against: a bare MimeKit parse of the whole message and
/// a write of it to a new stream, what any MIME-rewriting agent does at the least.
/// </summary>
internal static class MimeKitRoundTrip
{
    /// <summary>Parses <paramref name="mime"/> and writes it out again; returns the written length.</summary>
    public static long Run(byte[] mime)
    {
        using var input = new MemoryStream(mime, writable: false);
        var message = MimeMessage.Load(input);
        using var output = new MemoryStream();
        message.WriteTo(output);
        return output.Length;
    }

    /// <summary>The same with MimeKit's persistent parsing: part contents stay slices of the input stream.</summary>
    public static long RunPersistent(byte[] mime)
    {
        using var input = new MemoryStream(mime, writable: false);
        var message = MimeMessage.Load(input, persistent: true);
        using var output = new MemoryStream();
        message.WriteTo(output);
        return output.Length;
    }
}
