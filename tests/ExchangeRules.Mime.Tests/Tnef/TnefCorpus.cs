using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Testing;
using MimeKit;
using MimeKit.Tnef;

namespace ExchangeRules.Mime.Tests.Tnef;

/// <summary>The TNEF streams of the corpus: raw .tnef files and every application/ms-tnef part of its messages.</summary>
internal static class TnefCorpus
{
    /// <summary>The streams MimeKit's reader finds no framing fault in.</summary>
    public static IEnumerable<object[]> Streams() => Load().Where(s => IsCompliant(s.Bytes)).Select(s => new object[] { s.Name });

    /// <summary>The streams in which MimeKit's reader finds a framing fault (MimeKit's own "panic" sample: TNEF followed by base64 text).</summary>
    public static IEnumerable<object[]> MalformedStreams() => Load().Where(s => !IsCompliant(s.Bytes)).Select(s => new object[] { s.Name });

    public static byte[] Bytes(string name) => Load().Single(s => s.Name == name).Bytes;

    // Framing faults only: MimeKit also reports value-level faults (dates, message classes) that a stream can carry
    // and still be written back byte for byte.
    private const TnefComplianceStatus _framingFaults = TnefComplianceStatus.InvalidTnefSignature | TnefComplianceStatus.InvalidAttributeLevel
        | TnefComplianceStatus.InvalidAttributeLength | TnefComplianceStatus.InvalidAttributeChecksum | TnefComplianceStatus.StreamTruncated
        | TnefComplianceStatus.AttributeOverflow;

    private static bool IsCompliant(byte[] tnef)
    {
        using var reader = new TnefReader(new MemoryStream(tnef), 0, TnefComplianceMode.Loose);
        while (reader.ReadNextAttribute())
        {
        }

        return (reader.ComplianceStatus & _framingFaults) == 0;
    }

    private static List<(string Name, byte[] Bytes)> Load()
    {
        var streams = new List<(string Name, byte[] Bytes)>();
        foreach (CorpusEntry entry in TestRepository.CorpusIndex().OrderBy(e => e.RelativePath, System.StringComparer.Ordinal))
        {
            string path = entry.RelativePath;
            string full = entry.Path;
            if (path.EndsWith(".tnef", System.StringComparison.Ordinal))
            {
                streams.Add((path, File.ReadAllBytes(full)));
                continue;
            }

            MimeMessage message;
            try
            {
                message = MimeMessage.Load(full);
            }
            catch (System.FormatException)
            {
                continue;
            }

            int index = 0;
            foreach (MimePart part in message.BodyParts.OfType<MimePart>().Where(p => p is TnefPart || p.ContentType.IsMimeType("application", "ms-tnef")))
            {
                using var decoded = new MemoryStream();
                part.Content?.DecodeTo(decoded);
                streams.Add(($"{path}#{index++}", decoded.ToArray()));
            }
        }

        return streams;
    }
}
