using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Harness.Smtp;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace ExchangeRules.Harness.Tests.Smtp;

/// <summary>A long-running harness forgets delivered messages, as Exchange does, instead of holding every one in memory.</summary>
public class MessageRetentionTests
{
    [Fact]
    public async Task StartAsync_KeepingTwoMessages_HoldsOnlyTheLatestTwoAndStillReportsEveryOne()
    {
        var reported = new ConcurrentQueue<HarnessMessage>();
        await using var server = await StartAsync(keptMessages: 2, reported);

        await SendAsync(server, "first", "second", "third");

        Assert.Equal(new[] { "first", "second", "third" }, reported.Select(SubjectOf));
        Assert.Equal(new[] { "second", "third" }, server.Messages.Select(SubjectOf));
    }

    [Fact]
    public async Task StartAsync_KeepingNoMessages_DeliversAndReportsButHoldsNothing()
    {
        var reported = new ConcurrentQueue<HarnessMessage>();
        await using var server = await StartAsync(keptMessages: 0, reported);

        await SendAsync(server, "only");

        Assert.Single(reported);
        Assert.NotEmpty(reported.Single().Copies);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task StartAsync_NegativeRetention_IsRefused()
    {
        var topology = new HybridTopology(TestFiles.Organization("hybrid.xml"), new NoAgentTransport());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            HarnessSmtpServer.StartAsync(topology, null, new IPEndPoint(IPAddress.Loopback, 0), null, -1, CancellationToken.None));
    }

    private static string SubjectOf(HarnessMessage message) =>
        MimeMessage.Load(new MemoryStream(message.Copies[0].Mime)).Subject ?? string.Empty;

    private static Task<HarnessSmtpServer> StartAsync(int keptMessages, ConcurrentQueue<HarnessMessage> reported) =>
        HarnessSmtpServer.StartAsync(
            new HybridTopology(TestFiles.Organization("hybrid.xml"), new NoAgentTransport()),
            null,
            new IPEndPoint(IPAddress.Loopback, 0),
            reported.Enqueue,
            keptMessages,
            CancellationToken.None);

    private static async Task SendAsync(HarnessSmtpServer server, params string[] subjects)
    {
        using var client = new SmtpClient();
        var socket = new Socket(server.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.EndPoint);
        await client.ConnectAsync(socket, server.EndPoint.Address.ToString(), server.EndPoint.Port, SecureSocketOptions.None);
        foreach (var subject in subjects)
        {
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("partner@external.example"));
            message.To.Add(MailboxAddress.Parse("alice@contoso.com"));
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = "Hello." };
            await client.SendAsync(message);
        }

        await client.DisconnectAsync(true);
    }
}
