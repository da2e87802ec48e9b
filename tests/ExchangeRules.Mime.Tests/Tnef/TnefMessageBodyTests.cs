using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Mime.Tnef;
using MimeKit;
using MimeKit.Tnef;
using Xunit;

namespace ExchangeRules.Mime.Tests.Tnef;

/// <summary>Replacing a TNEF body leaves every other attribute and MAPI property byte for byte as it was.</summary>
public class TnefMessageBodyTests
{
    private const string _stamp = "Adele Vance | Finance – Zürich\r\n{Contoso} \\ Ltd";

    // MimeKit decodes PT_STRING8 values with code page 1252.
    static TnefMessageBodyTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IEnumerable<object[]> RtfStreams => TnefCorpus.Streams().Where(s => TnefMessageBody.Read(TnefDocument.Read(TnefCorpus.Bytes((string)s[0]))).Format == TnefBodyFormat.Rtf);

    [Fact]
    public void Corpus_HasOutlookRtfBodies()
    {
        Assert.True(RtfStreams.Count() >= 2, string.Join(", ", RtfStreams.Select(s => s[0])));
    }

    [Theory]
    [MemberData(nameof(RtfStreams))]
    public void WithRtf_StampAtBottomOfCorpusRtf_ChangesOnlyTheRtfAndMimeKitReadsTheStamp(string name)
    {
        TnefDocument original = TnefDocument.Read(TnefCorpus.Bytes(name));
        TnefMessageBody body = TnefMessageBody.Read(original);

        TnefDocument stamped = body.WithRtf(RtfStamp.AppendAtBottom(body.Rtf!, _stamp));

        AssertOnlyBodyChanged(original, stamped, TnefPropertyTag.RtfCompressed);
        string rtf = Encoding.ASCII.GetString(TnefMessageBody.Read(stamped).Rtf!);
        Assert.Contains("Adele Vance | Finance \\u8211? Z\\u252?rich\\par", rtf, StringComparison.Ordinal);
        Assert.Contains("\\{Contoso\\} \\\\ Ltd\\par", rtf, StringComparison.Ordinal);
        Assert.True(rtf.TrimEnd('\0', '\r', '\n').EndsWith('}'));
        Assert.Equal(0, BraceBalance(rtf));
        MimeMessage readBack = ReadWithMimeKit(stamped);
        Assert.Contains("Adele Vance", ((TextPart)readBack.BodyParts.First(p => p.ContentType.IsMimeType("text", "rtf"))).Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RtfStreams))]
    public void InsertAtTop_CorpusRtf_PutsTheStampAfterTheHeaderGroupsAndBeforeTheFirstText(string name)
    {
        TnefMessageBody body = TnefMessageBody.Read(TnefDocument.Read(TnefCorpus.Bytes(name)));
        string before = Encoding.ASCII.GetString(body.Rtf!);

        string after = Encoding.ASCII.GetString(RtfStamp.InsertAtTop(body.Rtf!, "Top banner"));

        int stamp = after.IndexOf("Top banner", StringComparison.Ordinal);
        Assert.True(stamp > 0);
        foreach (string header in new[] { "{\\fonttbl", "{\\colortbl", "{\\stylesheet" }.Where(h => before.Contains(h, StringComparison.Ordinal)))
        {
            Assert.True(after.IndexOf(header, StringComparison.Ordinal) < stamp, $"{header} after the stamp");
        }

        Assert.Equal(0, BraceBalance(after));
        Assert.Equal(before, after.Remove(after.IndexOf("{\\pard\\plain Top banner", StringComparison.Ordinal), "{\\pard\\plain Top banner\\par\r\n}".Length));
    }

    [Fact]
    public void InsertAtTop_SimpleDocument_GoesAfterTheFontAndColourTables()
    {
        byte[] rtf = Encoding.ASCII.GetBytes("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}{\\colortbl;\\red0\\green0\\blue0;}\\viewkind4\\pard Hello\\par}");

        string stamped = Encoding.ASCII.GetString(RtfStamp.InsertAtTop(rtf, "Banner"));

        Assert.Equal("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}{\\colortbl;\\red0\\green0\\blue0;}\\viewkind4{\\pard\\plain Banner\\par\r\n}\\pard Hello\\par}", stamped);
    }

    [Fact]
    public void WithHtml_ReplacesOnlyTheHtmlAndMarksTheRtfOutOfSync()
    {
        TnefDocument original = HtmlMessage("<html><body><p>Hello</p></body></html>", withRtf: true);
        TnefMessageBody body = TnefMessageBody.Read(original);
        Assert.Equal(TnefBodyFormat.Html, body.Format);

        TnefDocument stamped = body.WithHtml("<html><body><p>Hello</p><p>Adele – Zürich</p></body></html>");

        AssertOnlyBodyChanged(original, stamped, new TnefPropertyTag((TnefPropertyId)0x1013, TnefPropertyType.Binary), TnefPropertyTag.RtfInSync);
        Assert.Equal("<html><body><p>Hello</p><p>Adele – Zürich</p></body></html>", TnefMessageBody.Read(stamped).Html);
        Assert.False(MapiPropertyList.Decode(stamped.Attributes.Single(a => a.Tag == TnefAttributeTag.MapiProperties).Value).Single(p => p.Is(TnefPropertyTag.RtfInSync)).Values[0][0] != 0);
        Assert.Equal("<html><body><p>Hello</p><p>Adele – Zürich</p></body></html>", ReadWithMimeKit(stamped).HtmlBody);
    }

    [Fact]
    public void WithHtml_TextTheCodePageCannotCarry_IsRefusedRatherThanCorrupted()
    {
        TnefMessageBody body = TnefMessageBody.Read(HtmlMessage("<p>Hello</p>", withRtf: false, codePage: 1252));

        var error = Assert.Throws<InvalidOperationException>(() => body.WithHtml("<p>Привет</p>"));

        Assert.Contains("1252", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPlain_ReplacesPrBody()
    {
        TnefDocument original = new(0, new[]
        {
            new TnefField(TnefAttributeLevel.Message, TnefAttributeTag.TnefVersion, new byte[] { 0, 0, 1, 0 }),
            new TnefField(TnefAttributeLevel.Message, TnefAttributeTag.MapiProperties, MapiPropertyList.Encode(new[]
            {
                MapiProperty.Unicode(TnefPropertyTag.SubjectW, "Note"),
                MapiProperty.Unicode(TnefPropertyTag.BodyW, "Hello"),
                MapiProperty.Int32(new TnefPropertyTag((TnefPropertyId)0x1090, TnefPropertyType.Long), 2),
            })),
        });
        TnefMessageBody body = TnefMessageBody.Read(original);
        Assert.Equal(TnefBodyFormat.Plain, body.Format);

        TnefDocument stamped = body.WithPlain("Hello\r\n-- \r\nAdele");

        AssertOnlyBodyChanged(original, stamped, TnefPropertyTag.BodyW);
        Assert.Equal("Hello\r\n-- \r\nAdele", TnefMessageBody.Read(stamped).Plain);
    }

    private static TnefDocument HtmlMessage(string html, bool withRtf, int codePage = 65001)
    {
        var properties = new List<MapiProperty>
        {
            MapiProperty.Unicode(TnefPropertyTag.SubjectW, "Hello"),
            MapiProperty.Int32(TnefPropertyTag.InternetCPID, codePage),
            MapiProperty.Binary(new TnefPropertyTag((TnefPropertyId)0x1013, TnefPropertyType.Binary), Encoding.GetEncoding(codePage).GetBytes(html)),
            new(new TnefPropertyTag((TnefPropertyId)unchecked((short)0x8000), (TnefPropertyType)0x101F), new TnefNameId(new Guid("00020329-0000-0000-C000-000000000046"), "Keywords"), new[] { MapiProperty.UnicodeValue("Finance") }),
        };
        if (withRtf)
        {
            properties.Add(MapiProperty.Binary(TnefPropertyTag.RtfCompressed, CompressedRtf.Compress(Encoding.ASCII.GetBytes("{\\rtf1\\ansi Hello\\par}"))));
            properties.Add(MapiProperty.Boolean(TnefPropertyTag.RtfInSync, true));
        }

        return new TnefDocument(0, new[]
        {
            new TnefField(TnefAttributeLevel.Message, TnefAttributeTag.TnefVersion, new byte[] { 0, 0, 1, 0 }),
            new TnefField(TnefAttributeLevel.Message, TnefAttributeTag.OemCodepage, BitConverter.GetBytes((long)codePage)),
            new TnefField(TnefAttributeLevel.Message, TnefAttributeTag.MessageClass, Encoding.ASCII.GetBytes("IPM.Note\0")),
            new TnefField(TnefAttributeLevel.Message, TnefAttributeTag.MapiProperties, MapiPropertyList.Encode(properties)),
        });
    }

    private static void AssertOnlyBodyChanged(TnefDocument original, TnefDocument stamped, params TnefPropertyTag[] changed)
    {
        Assert.Equal(original.Key, stamped.Key);
        Assert.Equal(original.Attributes.Count, stamped.Attributes.Count);
        for (int i = 0; i < original.Attributes.Count; i++)
        {
            TnefField before = original.Attributes[i], after = stamped.Attributes[i];
            Assert.Equal(before.Level, after.Level);
            Assert.Equal(before.Tag, after.Tag);
            if (before.Level == TnefAttributeLevel.Message && before.Tag == TnefAttributeTag.MapiProperties)
            {
                IReadOnlyList<MapiProperty> was = MapiPropertyList.Decode(before.Value), now = MapiPropertyList.Decode(after.Value);
                Assert.Equal(was.Count, now.Count);
                for (int p = 0; p < was.Count; p++)
                {
                    Assert.Equal((int)was[p].Tag, (int)now[p].Tag);
                    Assert.Equal(was[p].Name, now[p].Name);
                    if (!changed.Any(tag => was[p].Is(tag)))
                    {
                        Assert.Equal(was[p].Values, now[p].Values);
                    }
                }
            }
            else
            {
                Assert.Equal(before.Value, after.Value);
            }
        }
    }

    private static MimeMessage ReadWithMimeKit(TnefDocument document)
    {
        var part = new TnefPart { Content = new MimeContent(new MemoryStream(document.ToArray())) };
        return part.ConvertToMessage();
    }

    private static int BraceBalance(string rtf)
    {
        int depth = 0;
        for (int i = 0; i < rtf.Length; i++)
        {
            if (rtf[i] == '\\')
            {
                i++;
            }
            else if (rtf[i] == '{')
            {
                depth++;
            }
            else if (rtf[i] == '}')
            {
                depth--;
            }
        }

        return depth;
    }
}
