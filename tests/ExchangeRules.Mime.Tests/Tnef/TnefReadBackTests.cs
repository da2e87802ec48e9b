using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ExchangeRules.Harness.Tnef;
using ExchangeRules.Mime.Tnef;
using MimeKit.Tnef;
using Xunit;

namespace ExchangeRules.Mime.Tests.Tnef;

/// <summary>The check before an edited TNEF stream is written: MimeKit must read everything but the body the same.</summary>
public class TnefReadBackTests
{
    private static readonly ISet<TnefPropertyId> _html = new HashSet<TnefPropertyId> { (TnefPropertyId)0x1013, TnefPropertyId.RtfInSync };

    [Fact]
    public void Difference_OnlyTheHtmlBodyChanged_IsNone()
    {
        var original = Tnef();
        var edited = TnefMessageBody.Read(TnefDocument.Read(original)).WithHtml("<html><body><p>Stamped</p></body></html>").ToArray();

        Assert.Null(TnefReadBack.Difference(original, edited, 65001, _html));
    }

    [Fact]
    public void Difference_HtmlBodyWrittenAsExpected_IsNone()
    {
        var original = Tnef();
        var html = "<html><body><p>Stamped</p></body></html>";
        var edited = TnefMessageBody.Read(TnefDocument.Read(original)).WithHtml(html).ToArray();
        var expected = new Dictionary<TnefPropertyId, byte[]> { [(TnefPropertyId)0x1013] = Encoding.UTF8.GetBytes(html) };

        Assert.Null(TnefReadBack.Difference(original, edited, 65001, _html, expectedValues: expected));
    }

    [Fact]
    public void Difference_HtmlBodyWrittenOtherThanEdited_IsReported()
    {
        var original = Tnef();
        var edited = TnefMessageBody.Read(TnefDocument.Read(original)).WithHtml("<html><body><p>Stamped</p></body></html>").ToArray();
        var expected = new Dictionary<TnefPropertyId, byte[]> { [(TnefPropertyId)0x1013] = Encoding.UTF8.GetBytes("<html><body><p>Stamped twice</p></body></html>") };

        var difference = TnefReadBack.Difference(original, edited, 65001, _html, expectedValues: expected);

        Assert.NotNull(difference);
        Assert.Contains("differently from the edited body", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Difference_AttachmentAppended_IsNoneOnlyWhenAnnounced()
    {
        var original = Tnef();
        var document = TnefDocument.Read(original);
        var attachment = MapiPropertyList.Encode(new[] { MapiProperty.Int32(TnefPropertyTag.AttachMethod, 1), MapiProperty.Unicode(TnefPropertyTag.AttachLongFilenameW, "logo.png") });
        var fields = document.Attributes.ToList();
        fields.Add(new TnefField(TnefAttributeLevel.Attachment, TnefAttributeTag.AttachRenderData, new byte[14]));
        fields.Add(new TnefField(TnefAttributeLevel.Attachment, TnefAttributeTag.Attachment, attachment));
        var edited = new TnefDocument(document.Key, fields).ToArray();

        Assert.Null(TnefReadBack.Difference(original, edited, 65001, _html, appendedAttachments: 1));
        Assert.NotNull(TnefReadBack.Difference(original, edited, 65001, _html));
        Assert.NotNull(TnefReadBack.Difference(original, original, 65001, _html, appendedAttachments: 1));
    }

    [Fact]
    public void Difference_AnotherMessagePropertyChanged_NamesTheEntry()
    {
        var original = Tnef();
        var document = TnefDocument.Read(original);
        var properties = TnefMessageBody.Read(document).Properties.Select(p => p.Is(TnefPropertyTag.SubjectW) ? MapiProperty.Unicode(TnefPropertyTag.SubjectW, "Changed") : p).ToList();
        var index = document.Attributes.ToList().FindIndex(a => a.Tag == TnefAttributeTag.MapiProperties);
        var edited = document.With(index, document.Attributes[index].WithValue(MapiPropertyList.Encode(properties))).ToArray();

        var difference = TnefReadBack.Difference(original, edited, 65001, _html);

        Assert.NotNull(difference);
        Assert.Contains("Changed", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Difference_AnAttachmentChanged_IsReported()
    {
        var original = Tnef();
        var document = TnefDocument.Read(original);
        var index = document.Attributes.ToList().FindIndex(a => a.Tag == TnefAttributeTag.AttachRenderData);
        var value = (byte[])document.Attributes[index].Value.Clone();
        value[2] ^= 0x01;
        var edited = document.With(index, document.Attributes[index].WithValue(value)).ToArray();

        Assert.NotNull(TnefReadBack.Difference(original, edited, 65001, _html));
    }

    [Fact]
    public void Difference_EditedStreamTruncated_IsReported()
    {
        var original = Tnef();
        var edited = original.Take(original.Length - 7).ToArray();

        var difference = TnefReadBack.Difference(original, edited, 65001, _html);

        Assert.NotNull(difference);
        Assert.Contains("MimeKit", difference, StringComparison.Ordinal);
    }

    private static byte[] Tnef()
    {
        var message = MimeKit.MimeMessage.Load(Stamping.FixturePath("outlook-word-reply.eml"));
        return SummaryTnefConverter.BuildTnef(message, MailboxBodyFormat.Html, Array.Empty<MapiProperty>());
    }
}
