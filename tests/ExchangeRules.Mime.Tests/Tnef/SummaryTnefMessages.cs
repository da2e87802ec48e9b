using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeRules.Harness.Tnef;
using ExchangeRules.Mime.Tnef;
using MimeKit;
using MimeKit.Tnef;

namespace ExchangeRules.Mime.Tests.Tnef;

/// <summary>Summary TNEF messages as Exchange hands them to agents, built from MIME fixtures, and MimeKit's view of their TNEF.</summary>
internal static class SummaryTnefMessages
{
    /// <summary>The body properties a stamp may change: PR_BODY, PR_HTML, PR_RTF_COMPRESSED, PR_RTF_IN_SYNC.</summary>
    public static readonly ISet<TnefPropertyId> BodyProperties = new HashSet<TnefPropertyId>
    {
        TnefPropertyId.Body, (TnefPropertyId)0x1013, TnefPropertyId.RtfCompressed, TnefPropertyId.RtfInSync,
    };

    static SummaryTnefMessages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The fixture as Exchange's Mailbox Transport Submission would hand it over (CRLF line breaks).</summary>
    public static byte[] FromFixture(string fixture, MailboxBodyFormat format, params MapiProperty[] extra) =>
        FromMessage(MimeMessage.Load(Stamping.FixturePath(fixture)), format, extra);

    public static byte[] FromMessage(MimeMessage message, MailboxBodyFormat format, params MapiProperty[] extra) =>
        Bytes(SummaryTnefConverter.Convert(message, format, extra));

    /// <summary>A Summary TNEF message around an existing TNEF stream.</summary>
    public static byte[] Around(byte[] tnef, string subject = "Corpus TNEF")
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Jan Schmidt", "jan.schmidt@contoso.example"));
        message.To.Add(new MailboxAddress("Robin Diaz", "robin.diaz@contoso.example"));
        message.Subject = subject;
        message.MessageId = "summary-tnef@contoso.example";
        var part = new TnefPart { ContentTransferEncoding = ContentEncoding.Binary, Content = new MimeContent(new MemoryStream(tnef, writable: false)) };
        part.ContentType.Name = "winmail.dat";
        part.Headers.Remove(HeaderId.ContentDisposition);
        message.Body = part;
        return Bytes(message);
    }

    public static byte[] Bytes(MimeMessage message)
    {
        using var output = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(format, output);
        return output.ToArray();
    }

    /// <summary>The decoded TNEF stream of a message's application/ms-tnef part.</summary>
    public static byte[] TnefOf(byte[] mime)
    {
        var message = MimeMessage.Load(new MemoryStream(mime));
        var part = message.BodyParts.OfType<MimePart>().Single(p => p.ContentType.IsMimeType("application", "ms-tnef"));
        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        return decoded.ToArray();
    }

    /// <summary>The TNEF body our codec reads from a message.</summary>
    public static TnefMessageBody BodyOf(byte[] mime) => TnefMessageBody.Read(TnefDocument.Read(TnefOf(mime)));

    /// <summary>
    /// MimeKit's reading of every attribute and MAPI property (message, attachment, recipient rows), one line each;
    /// the values of the body properties are replaced by their name so that everything else can be compared.
    /// </summary>
    public static List<string> PropertiesExceptBody(byte[] tnef)
    {
        var lines = new List<string>();
        using var reader = new TnefReader(new MemoryStream(tnef), 0, TnefComplianceMode.Loose);
        while (reader.ReadNextAttribute())
        {
            var head = $"{reader.AttributeLevel} {reader.AttributeTag}";
            if (reader.AttributeTag is TnefAttributeTag.MapiProperties or TnefAttributeTag.Attachment or TnefAttributeTag.RecipientTable)
            {
                lines.Add(head);
                var properties = reader.TnefPropertyReader;
                var rows = reader.AttributeTag == TnefAttributeTag.RecipientTable;
                while (!rows || properties.ReadNextRow())
                {
                    while (properties.ReadNextProperty())
                    {
                        var tag = properties.PropertyTag;
                        var name = properties.IsNamedProperty ? $" {properties.PropertyNameId.PropertySetGuid}/{properties.PropertyNameId.Id}/{properties.PropertyNameId.Name}" : string.Empty;
                        if (reader.AttributeLevel == TnefAttributeLevel.Message && !properties.IsNamedProperty && BodyProperties.Contains(tag.Id))
                        {
                            lines.Add($"  {tag.Id} (body)");
                            continue;
                        }

                        lines.Add($"  {tag}{name} = {Format(properties.ReadValue())}");
                    }

                    if (!rows)
                    {
                        break;
                    }
                }
            }
            else
            {
                using var raw = new MemoryStream();
                var buffer = new byte[4096];
                int read;
                while ((read = reader.ReadAttributeRawValue(buffer, 0, buffer.Length)) > 0)
                {
                    raw.Write(buffer, 0, read);
                }

                lines.Add($"{head} = {Convert.ToHexString(raw.ToArray())}");
            }
        }

        return lines;
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
