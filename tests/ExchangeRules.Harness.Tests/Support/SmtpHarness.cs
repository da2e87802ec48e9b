using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Harness.Delivery;
using ExchangeRules.Harness.Smtp;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ExchangeRules.Harness.Tests.Support;

/// <summary>The harness on a free loopback port with a temporary mail drop, and a MailKit client to talk to it.</summary>
internal sealed class SmtpHarness : IAsyncDisposable
{
    private readonly HarnessSmtpServer _server;

    private SmtpHarness(HarnessSmtpServer server, MailDrop drop)
    {
        _server = server;
        Drop = drop;
    }

    public MailDrop Drop { get; }

    public HarnessSmtpServer Server => _server;

    public static async Task<SmtpHarness> StartAsync(string organizationFile, IOnPremisesTransport? transport = null, int maxMessageSize = HarnessSmtpServer.DefaultMaxMessageSize)
    {
        var topology = new HybridTopology(TestFiles.Organization(organizationFile), transport ?? new ProcessorTransport(new StampingProcessor()));
        var drop = new MailDrop(TestFiles.TempFolder());
        var server = await HarnessSmtpServer.StartAsync(topology, drop, new IPEndPoint(IPAddress.Loopback, 0), null, int.MaxValue, maxMessageSize, CancellationToken.None);
        return new SmtpHarness(server, drop);
    }

    /// <summary>A MailKit client connected (and authenticated as <paramref name="authenticateAs"/>, if given).</summary>
    public async Task<SmtpClient> ConnectAsync(string? authenticateAs = null)
    {
        var client = new SmtpClient();
        var socket = new Socket(_server.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(_server.EndPoint);
        await client.ConnectAsync(socket, _server.EndPoint.Address.ToString(), _server.EndPoint.Port, SecureSocketOptions.None);
        if (authenticateAs is not null)
        {
            await client.AuthenticateAsync(authenticateAs, "any password");
        }

        return client;
    }

    /// <summary>Sends over SMTP (anonymously, or authenticated as <paramref name="authenticateAs"/>) and returns the copies.</summary>
    public async Task<IReadOnlyList<DeliveredCopy>> SendAsync(MimeMessage message, string sender, IEnumerable<string> recipients, string? authenticateAs = null)
    {
        var before = _server.Messages.Count;
        using var client = new SmtpClient();
        var socket = new Socket(_server.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(_server.EndPoint);
        await client.ConnectAsync(socket, _server.EndPoint.Address.ToString(), _server.EndPoint.Port, SecureSocketOptions.None);
        if (authenticateAs is not null)
        {
            await client.AuthenticateAsync(authenticateAs, "any password");
        }

        await client.SendAsync(message, MailboxAddress.Parse(sender), recipients.Select(MailboxAddress.Parse));
        await client.DisconnectAsync(true);
        return _server.Messages.Skip(before).Single().Copies;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
