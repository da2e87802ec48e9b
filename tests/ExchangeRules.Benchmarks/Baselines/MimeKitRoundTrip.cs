using System.IO;
using MimeKit;

namespace ExchangeRules.Benchmarks.Baselines;

/// <summary>
/// The baseline every message scenario is measured against: a bare MimeKit parse of the whole message and
/// a write of it to a new stream, what any MIME-rewriting agent does at the least. Written as a careful agent writes
/// it, like target 5's reference agent: the parsed message is disposed (MimeKit's entities have finalizers; left to
/// them, every parse survives a collection and makes the baseline slower than any real agent) and the output stream is
/// sized for the message.
/// </summary>
internal static class MimeKitRoundTrip
{
    /// <summary>Parses <paramref name="mime"/> and writes it out again; returns the written length.</summary>
    public static long Run(byte[] mime)
    {
        using var input = new MemoryStream(mime, writable: false);
        using var message = MimeMessage.Load(input);
        using var output = new MemoryStream(mime.Length + 1024);
        message.WriteTo(output);
        return output.Length;
    }

    /// <summary>The same with MimeKit's persistent parsing: part contents stay slices of the input stream.</summary>
    public static long RunPersistent(byte[] mime)
    {
        using var input = new MemoryStream(mime, writable: false);
        using var message = MimeMessage.Load(input, persistent: true);
        using var output = new MemoryStream(mime.Length + 1024);
        message.WriteTo(output);
        return output.Length;
    }
}
