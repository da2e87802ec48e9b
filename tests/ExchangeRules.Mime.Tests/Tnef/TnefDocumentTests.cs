using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Mime.Tnef;
using MimeKit.Tnef;
using Xunit;

namespace ExchangeRules.Mime.Tests.Tnef;

public class TnefDocumentTests
{
    public static IEnumerable<object[]> CorpusStreams => TnefCorpus.Streams();

    public static IEnumerable<object[]> MalformedCorpusStreams => TnefCorpus.MalformedStreams();

    [Fact]
    public void Corpus_HoldsTheTnefSamplesOfMimeKitAndOutlookMessages()
    {
        // Three well-formed raw streams and the winmail.dat parts of two Outlook/Exchange messages; one malformed stream.
        Assert.True(CorpusStreams.Count() >= 5, string.Join(", ", CorpusStreams.Select(s => s[0])));
        Assert.Single(MalformedCorpusStreams);
    }

    [Theory]
    [MemberData(nameof(CorpusStreams))]
    public void ReadThenWrite_CorpusStream_IsByteIdentical(string name)
    {
        byte[] original = TnefCorpus.Bytes(name);

        byte[] written = TnefDocument.Read(original).ToArray();

        Assert.Equal(original.Length, written.Length);
        Assert.True(original.AsSpan().SequenceEqual(written), $"{name}: first difference at byte {FirstDifference(original, written)}");
    }

    [Theory]
    [MemberData(nameof(CorpusStreams))]
    public void PropertyLists_OfCorpusStream_DecodeAndEncodeByteIdentical(string name)
    {
        TnefDocument document = TnefDocument.Read(TnefCorpus.Bytes(name));
        int lists = 0;

        foreach (TnefField field in document.Attributes)
        {
            if (field.Tag is TnefAttributeTag.MapiProperties or TnefAttributeTag.Attachment)
            {
                IReadOnlyList<MapiProperty> properties = MapiPropertyList.Decode(field.Value);
                Assert.Equal(field.Value, MapiPropertyList.Encode(properties.ToList()));
                lists++;
            }
            else if (field.Tag == TnefAttributeTag.RecipientTable)
            {
                var rows = MapiPropertyList.DecodeRows(field.Value);
                Assert.Equal(field.Value, MapiPropertyList.EncodeRows(rows.Select(r => (IReadOnlyCollection<MapiProperty>)r.ToList()).ToList()));
                lists++;
            }
        }

        Assert.True(lists > 0, $"{name} has no property list");
    }

    [Theory]
    [MemberData(nameof(CorpusStreams))]
    public void DecodedProperties_AgreeWithMimeKitsReader(string name)
    {
        byte[] bytes = TnefCorpus.Bytes(name);
        TnefDocument document = TnefDocument.Read(bytes);
        List<MapiProperty> ours = document.Attributes
            .Where(a => a.Tag is TnefAttributeTag.MapiProperties or TnefAttributeTag.Attachment)
            .SelectMany(a => MapiPropertyList.Decode(a.Value))
            .ToList();

        var theirs = new List<(int Tag, string? Text)>();
        using (var reader = new TnefReader(new MemoryStream(bytes), 0, TnefComplianceMode.Loose))
        {
            while (reader.ReadNextAttribute())
            {
                if (reader.AttributeTag is not (TnefAttributeTag.MapiProperties or TnefAttributeTag.Attachment))
                {
                    continue;
                }

                TnefPropertyReader properties = reader.TnefPropertyReader;
                while (properties.ReadNextProperty())
                {
                    string? text = properties.PropertyTag.ValueTnefType == TnefPropertyType.Unicode && !properties.IsMultiValuedProperty
                        ? properties.ReadValueAsString()
                        : null;
                    theirs.Add(((int)properties.PropertyTag, text));
                }
            }
        }

        Assert.Equal(theirs.Select(t => t.Tag), ours.Select(p => (int)p.Tag));
        for (int i = 0; i < ours.Count; i++)
        {
            if (theirs[i].Text is { } text)
            {
                Assert.Equal(text, ours[i].AsString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(MalformedCorpusStreams))]
    public void Read_StreamMimeKitRejects_FailsWithTheOffset(string name)
    {
        var error = Assert.Throws<InvalidDataException>(() => TnefDocument.Read(TnefCorpus.Bytes(name)));

        Assert.Matches("offset [0-9]+", error.Message);
    }

    [Fact]
    public void Write_ComputesTheChecksumOfEachValue()
    {
        var document = new TnefDocument(0x1234, new[]
        {
            new TnefField(TnefAttributeLevel.Message, TnefAttributeTag.TnefVersion, new byte[] { 0, 0, 1, 0 }),
            new TnefField(TnefAttributeLevel.Message, TnefAttributeTag.MessageClass, Encoding.ASCII.GetBytes("IPM.Note\0")),
        });

        byte[] bytes = document.ToArray();

        // Signature, key, then level 1, id 0x00089006, length 4, value, checksum 1.
        Assert.Equal(new byte[] { 0x78, 0x9F, 0x3E, 0x22, 0x34, 0x12, 0x01, 0x06, 0x90, 0x08, 0x00, 0x04, 0, 0, 0, 0, 0, 1, 0, 0x01, 0x00 }, bytes.Take(21).ToArray());
        using var reader = new TnefReader(new MemoryStream(bytes), 0, TnefComplianceMode.Strict);
        while (reader.ReadNextAttribute())
        {
        }

        Assert.Equal(TnefComplianceStatus.Compliant, reader.ComplianceStatus);
    }

    [Fact]
    public void Decode_TruncatedList_NamesTheOffset()
    {
        byte[] list = MapiPropertyList.Encode(new[] { MapiProperty.Unicode(TnefPropertyTag.SubjectW, "Quarterly report") });

        var error = Assert.Throws<InvalidDataException>(() => MapiPropertyList.Decode(list.Take(list.Length - 6).ToArray()));

        Assert.Contains("offset", error.Message, StringComparison.Ordinal);
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }
}
