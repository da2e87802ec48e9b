using System.IO;
using System.Linq;
using MimeKit;

namespace ExchangeRules.Harness.Tests.Support;

internal static class Messages
{
    public static MimeMessage Create(string from, string to, string subject = "Quarterly numbers")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Hello,\r\nthe numbers are attached.\r\n" };
        return message;
    }

    public static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    public static MimeMessage Parse(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return MimeMessage.Load(stream);
    }

    public static string[] Values(byte[] bytes, string header) =>
        Parse(bytes).Headers.Where(h => h.Field.Equals(header, System.StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
}
