using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Mime.Tnef;
using MimeKit.IO;
using MimeKit.Tnef;
using Xunit;

namespace ExchangeRules.Mime.Tests.Tnef;

public class CompressedRtfTests
{
    // [MS-OXRTFCP] 3.1.1.1: the specification's own example, "{\rtf1\ansi\ansicpg1252\pard hello world}\r\n".
    private const string _specificationExample = "{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n";

    public static IEnumerable<object[]> Samples => new[]
    {
        new object[] { _specificationExample },
        new object[] { "" },
        new object[] { "{\\rtf1\\ansi\\deff0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}" },
        new object[] { string.Concat(Enumerable.Range(0, 800).Select(i => $"{{\\pard line {i % 37} of the body\\par}}\r\n")) },
    };

    [Fact]
    public void Compress_SpecificationExample_IsTheSpecificationsBytes()
    {
        byte[] compressed = CompressedRtf.Compress(Encoding.ASCII.GetBytes(_specificationExample));

        // [MS-OXRTFCP] 3.1.1.2, "Output" of the compression example.
        byte[] expected =
        {
            0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5, 0xc7, 0xa7,
            0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a, 0xf3, 0x20,
            0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d, 0x0a, 0x80, 0x0f,
            0xa0,
        };
        Assert.Equal(expected, compressed);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Compress_ThenMimeKitDecompresses_ToTheSameRtfWithAValidCrc(string rtf)
    {
        byte[] input = Encoding.ASCII.GetBytes(rtf);

        (byte[] output, bool validCrc, RtfCompressionMode mode) = Decompress(CompressedRtf.Compress(input));

        Assert.Equal(input, output);
        Assert.True(validCrc);
        Assert.Equal(RtfCompressionMode.Compressed, mode);
    }

    [Fact]
    public void Uncompressed_IsReadAsUncompressedRtf()
    {
        byte[] input = Encoding.ASCII.GetBytes(_specificationExample);

        (byte[] output, _, RtfCompressionMode mode) = Decompress(CompressedRtf.Uncompressed(input));

        Assert.Equal(input, output);
        Assert.Equal(RtfCompressionMode.Uncompressed, mode);
    }

    [Fact]
    public void Compress_RtfBodiesOfTheCorpus_RoundTripsThroughMimeKit()
    {
        int bodies = 0;
        foreach (object[] stream in TnefCorpus.Streams())
        {
            TnefDocument document = TnefDocument.Read(TnefCorpus.Bytes((string)stream[0]));
            foreach (MapiProperty property in document.Attributes
                .Where(a => a.Tag == TnefAttributeTag.MapiProperties)
                .SelectMany(a => MapiPropertyList.Decode(a.Value))
                .Where(p => p.Is(TnefPropertyTag.RtfCompressed)))
            {
                byte[] rtf = Decompress(property.Values[0]).Output;

                Assert.Equal(rtf, Decompress(CompressedRtf.Compress(rtf)).Output);
                bodies++;
            }
        }

        Assert.True(bodies >= 2, $"only {bodies} RTF bodies in the corpus");
    }

    private static (byte[] Output, bool ValidCrc, RtfCompressionMode Mode) Decompress(byte[] compressed)
    {
        var filter = new RtfCompressedToRtf();
        var output = new MemoryStream();
        using (var filtered = new FilteredStream(output))
        {
            filtered.Add(filter);
            filtered.Write(compressed, 0, compressed.Length);
            filtered.Flush();
        }

        return (output.ToArray(), filter.IsValidCrc32, filter.CompressionMode);
    }
}
