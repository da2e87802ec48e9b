using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using ExchangeRules.Harness.Smtp;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>The organisation file and the SMTP client that scenario 5 and the harness profile share.</summary>
internal static class BenchmarkHarness
{
    /// <summary>Writes the benchmark organisation (Bob and Carol in contoso.example) into <paramref name="folder"/>; returns the file's path.</summary>
    public static string WriteOrganization(string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "organization.xml");
        File.WriteAllText(path, $"""
<?xml version="1.0" encoding="utf-8"?>
<organization xmlns="urn:exchangerules:organization:1" name="Contoso (benchmark)" server="ex01.contoso.example">
  <acceptedDomains>
    <domain name="contoso.example" />
  </acceptedDomains>
  <recipients>
    <mailbox address="{MessageFixtures.Sender}" name="Bob Jones" />
    <mailbox address="{MessageFixtures.InternalRecipient}" name="Carol White" />
  </recipients>
</organization>
""", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>A MailKit client connected to <paramref name="server"/> and authenticated as the benchmark sender.</summary>
    public static async Task<SmtpClient> ConnectAsync(HarnessSmtpServer server)
    {
        // TCP_NODELAY on the client too: otherwise Nagle holds the end of each message for the server's delayed ACK.
        var socket = new Socket(server.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.EndPoint);
        var client = new SmtpClient();
        await client.ConnectAsync(socket, server.EndPoint.Address.ToString(), server.EndPoint.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(MessageFixtures.Sender, "benchmark");
        return client;
    }
}
