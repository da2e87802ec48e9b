using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Tnef;
using ExchangeRules.Mime.Tnef;
using ExchangeRules.Testing;
using MimeKit;
using MimeKit.Tnef;
using Xunit;

namespace ExchangeRules.Harness.Tests.Tnef;

/// <summary>
/// The committed Summary TNEF fixtures (TestData/SummaryTnef), read with MimeKit's TNEF reader, not our codec: each has
/// the message class, body property and attachments of its shape, and decodes in strict compliance.
/// </summary>
public class SummaryTnefFixtureTests
{
    static SummaryTnefFixtureTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string> FixtureNames()
    {
        var names = new TheoryData<string>();
        foreach (var fixture in SummaryTnefFixtures.All)
        {
            names.Add(fixture.Name);
        }

        return names;
    }

    [Fact]
    public void TheFixtures_CoverAtLeastTheTwelveShapesOfIssue18()
    {
        Assert.True(SummaryTnefFixtures.All.Count >= 12);
        Assert.Equal(SummaryTnefFixtures.All.Count, SummaryTnefFixtures.All.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TheCommittedFixtures_AreWhatTheGeneratorWrites()
    {
        var source = Path.Combine(TestRepository.Root, "tests", "ExchangeRules.Harness.Tests", "TestData", SummaryTnefFixtures.Folder);
        var regenerate = Environment.GetEnvironmentVariable("EXRULES_REGENERATE_FIXTURES") == "1";
        var stale = new List<string>();
        foreach (var fixture in SummaryTnefFixtures.All)
        {
            var generated = SummaryTnefFixtures.Generate(fixture);
            Assert.Equal(generated, SummaryTnefFixtures.Generate(fixture));
            var path = Path.Combine(source, fixture.Name);
            if (regenerate)
            {
                System.IO.Directory.CreateDirectory(source);
                File.WriteAllBytes(path, generated);
            }
            else if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(generated))
            {
                stale.Add(fixture.Name);
            }
        }

        Assert.True(stale.Count == 0, "Out of date (run the tests with EXRULES_REGENERATE_FIXTURES=1 after a deliberate change): " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void EveryFixture_IsOneBinaryWinmailDatPartThatMimeKitReadsInStrictCompliance(string name)
    {
        var fixture = SummaryTnefFixtures.All.Single(f => f.Name == name);
        var message = MimeMessage.Load(TestFiles.Path(SummaryTnefFixtures.Folder, name));

        var part = Assert.IsType<TnefPart>(message.Body);
        Assert.Equal("winmail.dat", part.ContentType.Name);
        Assert.Equal(ContentEncoding.Binary, part.ContentTransferEncoding);
        Assert.Equal("<" + message.MessageId + ">", message.Headers["X-MS-TNEF-Correlator"]);

        var shape = TnefShape.Read(part);
        Assert.Equal(TnefComplianceStatus.Compliant, shape.Compliance);
        Assert.Equal(fixture.MessageClass, shape.MessageClass);
        Assert.Equal(fixture.MessageClass, shape.Unicode(TnefPropertyId.MessageClass));
        Assert.Equal(fixture.AttachmentCount, shape.Attachments);
        Assert.Equal(fixture.BodyFormat == MailboxBodyFormat.Html, shape.Has(MapiNames.Html.Id));
        Assert.Equal(fixture.BodyFormat == MailboxBodyFormat.Rtf, shape.Has(TnefPropertyId.RtfCompressed));
        Assert.True(shape.Has(TnefPropertyId.Body), "every shape carries PR_BODY");
        Assert.Equal(message.Subject, shape.Unicode(TnefPropertyId.Subject));
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void EveryFixture_ConvertsBackToMimeWithItsBodyFormatAndAttachments(string name)
    {
        var fixture = SummaryTnefFixtures.All.Single(f => f.Name == name);
        var message = MimeMessage.Load(TestFiles.Path(SummaryTnefFixtures.Folder, name));

        var converted = Assert.IsType<TnefPart>(message.Body).ConvertToMessage();

        Assert.Equal(fixture.BodyFormat == MailboxBodyFormat.Html, converted.HtmlBody is not null);
        Assert.Equal(fixture.BodyFormat == MailboxBodyFormat.Rtf, converted.BodyParts.OfType<TextPart>().Any(p => p.ContentType.IsMimeType("text", "rtf")));
        Assert.NotNull(converted.TextBody);
        Assert.Equal(fixture.AttachmentCount, converted.BodyParts.OfType<MimePart>().Count(p => !(p is TextPart t && (t.IsHtml || t.IsPlain || t.ContentType.IsMimeType("text", "rtf")))));
    }

    [Fact]
    public void HtmlReply_CarriesOutlooksReplyHeaderBlockBelowTheNewestText()
    {
        var html = HtmlOf("html-reply.eml");

        var newest = html.IndexOf("Thanks Megan, the numbers look right.", StringComparison.Ordinal);
        var block = html.IndexOf("border-top:solid #E1E1E1 1.0pt", StringComparison.Ordinal);
        Assert.True(newest > 0 && block > newest);
        Assert.Contains("<b>Sent:</b> Monday, December 7, 2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeHtmlReply_IsAFortyKilobyteThread()
    {
        var html = HtmlOf("large-html-reply.eml");

        Assert.InRange(html.Length, 40 * 1024, 48 * 1024);
        Assert.True(html.Split("<b>Sent:</b>").Length > 20);
    }

    [Theory]
    [InlineData("western-1252.eml", 1252, "Grüße aus Zürich, à bientôt – Café crème für 4,50 €.")]
    [InlineData("cyrillic-1251.eml", 1251, "Добрый день! Отчёт за четвёртый квартал во вложении.")]
    public void LegacyCodePageFixtures_NameTheirCodePageAndDecodeToTheText(string name, int codePage, string text)
    {
        var message = MimeMessage.Load(TestFiles.Path(SummaryTnefFixtures.Folder, name));
        var shape = TnefShape.Read((TnefPart)message.Body!);

        Assert.Equal(codePage, shape.OemCodePage);
        Assert.Equal(codePage, shape.Int32(TnefPropertyId.InternetCPID));
        Assert.Contains(text, Encoding.GetEncoding(codePage).GetString(shape.Binary(MapiNames.Html.Id)), StringComparison.Ordinal);
        Assert.Contains(text, HtmlOf(name), StringComparison.Ordinal);
    }

    [Fact]
    public void VotingButtons_CarryTheVerbStreamAsTheNamedPropertyOfPsetidCommon()
    {
        var message = MimeMessage.Load(TestFiles.Path(SummaryTnefFixtures.Folder, "voting-buttons.eml"));
        var shape = TnefShape.Read((TnefPart)message.Body!);

        var verbs = shape.Named(MapiNames.VerbStream);
        Assert.Equal(SummaryTnefFixtures.VerbStream(SummaryTnefFixtures.VotingOptions), verbs);
        Assert.Equal(0x0102, BitConverter.ToUInt16(verbs, 0));
        Assert.Equal(2, BitConverter.ToInt32(verbs, 2));
    }

    [Fact]
    public void CategoriesAndFlag_CarryTheKeywordsAndTheFollowUpFlag()
    {
        var message = MimeMessage.Load(TestFiles.Path(SummaryTnefFixtures.Folder, "categories-flag.eml"));
        var shape = TnefShape.Read((TnefPart)message.Body!);

        Assert.Equal(SummaryTnefFixtures.Categories.Length, shape.NamedValueCount(MapiNames.Keywords));
        Assert.Equal(2, shape.Int32((TnefPropertyId)0x1090));
        Assert.Equal("Follow up", shape.NamedValue(new TnefNameId(MapiNames.Common, 0x8530)));

        // The values of a multi-valued property through our codec (MimeKit 4.18 cannot read them all).
        var tnef = TnefDocument.Read(DecodedContent((TnefPart)message.Body!));
        var keywords = tnef.Attributes.Where(a => a.Tag == TnefAttributeTag.MapiProperties).SelectMany(a => MapiPropertyList.Decode(a.Value)).Single(p => Equals(p.Name, MapiNames.Keywords));
        Assert.Equal(SummaryTnefFixtures.Categories, keywords.Values.Select(v => Encoding.Unicode.GetString(v).TrimEnd('\0')));
    }

    [Theory]
    [InlineData("meeting-request.eml")]
    [InlineData("meeting-response.eml")]
    public void MeetingFixtures_CarryStartEndAndLocation(string name)
    {
        var message = MimeMessage.Load(TestFiles.Path(SummaryTnefFixtures.Folder, name));
        var shape = TnefShape.Read((TnefPart)message.Body!);

        Assert.Equal(new DateTime(2026, 12, 10, 14, 0, 0, DateTimeKind.Utc), ((DateTime)shape.NamedValue(MapiNames.AppointmentStartWhole)!).ToUniversalTime());
        Assert.Equal(new DateTime(2026, 12, 10, 15, 30, 0, DateTimeKind.Utc), ((DateTime)shape.NamedValue(MapiNames.AppointmentEndWhole)!).ToUniversalTime());
        Assert.Equal("Big room", shape.NamedValue(MapiNames.Location));
    }

    private static byte[] DecodedContent(MimePart part)
    {
        using var output = new MemoryStream();
        part.Content!.DecodeTo(output);
        return output.ToArray();
    }

    private static string HtmlOf(string name)
    {
        var message = MimeMessage.Load(TestFiles.Path(SummaryTnefFixtures.Folder, name));
        return Assert.IsType<TnefPart>(message.Body).ConvertToMessage().HtmlBody ?? throw new InvalidDataException(name + " has no HTML body");
    }
}
