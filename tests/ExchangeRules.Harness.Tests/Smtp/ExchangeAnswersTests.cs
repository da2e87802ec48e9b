using System;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Smtp;
using ExchangeRules.Harness.Tests.Support;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using MailKit.Net.Smtp;
using MimeKit;
using Xunit;

namespace ExchangeRules.Harness.Tests.Smtp;

/// <summary>The harness's SMTP front end answers with Exchange's codes (recipients, size, transient failures).</summary>
public sealed class ExchangeAnswersTests
{
    private const string _mxOnPremises = "hybrid-cmt-off-mx-onprem.xml";
    private const string _mxAtExchangeOnline = "hybrid.xml";

    [Theory]
    [InlineData(_mxOnPremises, "nobody@contoso.com", "5.1.1 User unknown")]
    [InlineData(_mxAtExchangeOnline, "nobody@contoso.com", "5.4.1 Recipient address rejected: Access denied")]
    [InlineData(_mxOnPremises, "someone@not-ours.example", "5.7.54 SMTP; Unable to relay recipient in non-accepted domain")]
    public async Task Rcpt_AnonymousToUnknownOrRelayedRecipient_Answers550WithExchangesCode(string organization, string recipient, string answer)
    {
        await using var harness = await SmtpHarness.StartAsync(organization);
        using var client = await harness.ConnectAsync();

        var error = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            client.SendAsync(Messages.Create("partner@external.example", recipient), MailboxAddress.Parse("partner@external.example"), new[] { MailboxAddress.Parse(recipient) }));

        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, error.ErrorCode);
        Assert.Equal(550, (int)error.StatusCode);
        Assert.Equal(answer, error.Message);
        Assert.Empty(harness.Server.Messages);
    }

    [Fact]
    public async Task Rcpt_AnonymousToUnknownAddressInInternalRelayDomain_IsAcceptedAndRelayed()
    {
        await using var harness = await SmtpHarness.StartAsync(_mxOnPremises);

        var copy = Assert.Single(await harness.SendAsync(Messages.Create("partner@external.example", "nobody@fabrikam.com"), "partner@external.example", new[] { "nobody@fabrikam.com" }));

        Assert.NotEqual(DeliveryTarget.OnPremisesMailbox, copy.Target);
    }

    [Fact]
    public async Task Rcpt_AuthenticatedToUnknownAddress_IsAcceptedAndBouncesLikeExchange()
    {
        await using var harness = await SmtpHarness.StartAsync(_mxOnPremises);

        var copy = Assert.Single(await harness.SendAsync(Messages.Create("alice@contoso.com", "nobody@contoso.com"), "alice@contoso.com", new[] { "nobody@contoso.com" }, authenticateAs: "alice@contoso.com"));

        Assert.Equal(DeliveryTarget.Bounced, copy.Target);
        Assert.Contains("5.1.10", copy.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ehlo_AdvertisesSizeWithExchangesDefaultLimit()
    {
        await using var harness = await SmtpHarness.StartAsync(_mxOnPremises);
        using var client = await harness.ConnectAsync();

        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Size));
        Assert.Equal((uint)HarnessSmtpServer.DefaultMaxMessageSize, client.MaxSize);
    }

    [Fact]
    public async Task Mail_DeclaredSizeOverTheLimit_Answers552WithExchangesCode()
    {
        await using var harness = await SmtpHarness.StartAsync(_mxOnPremises, maxMessageSize: 4096);
        using var client = await harness.ConnectAsync();
        var message = Messages.Create("partner@external.example", "alice@contoso.com");
        message.Body = new TextPart("plain") { Text = new string('x', 10_000) };

        // MailKit declares SIZE= because the server advertises SIZE: the answer comes to MAIL FROM, before any data.
        var error = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            client.SendAsync(message, MailboxAddress.Parse("partner@external.example"), new[] { MailboxAddress.Parse("alice@contoso.com") }));

        Assert.Equal(552, (int)error.StatusCode);
        Assert.Equal("5.3.4 Message size exceeds fixed maximum message size", error.Message);
        Assert.Empty(harness.Server.Messages);
    }

    [Fact]
    public async Task Data_UndeclaredSizeOverTheLimit_Answers552AtTheEndOfData()
    {
        await using var harness = await SmtpHarness.StartAsync(_mxOnPremises, maxMessageSize: 4096);

        var replies = await RawDialogueAsync(harness, "MAIL FROM:<partner@external.example>", "RCPT TO:<alice@contoso.com>", "DATA", "Subject: big\r\n\r\n" + new string('x', 10_000) + "\r\n.");

        Assert.StartsWith("552 5.3.4 ", replies[^1], StringComparison.Ordinal);
        Assert.Empty(harness.Server.Messages);
    }

    [Fact]
    public async Task Data_TransportFails_Answers451SoTheClientRetries()
    {
        await using var harness = await SmtpHarness.StartAsync(_mxOnPremises, new FailingTransport());
        using var client = await harness.ConnectAsync();

        var error = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            client.SendAsync(Messages.Create("partner@external.example", "alice@contoso.com"), MailboxAddress.Parse("partner@external.example"), new[] { MailboxAddress.Parse("alice@contoso.com") }));

        Assert.Equal(451, (int)error.StatusCode);
        Assert.StartsWith("4.3.0 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_DeliveryCannotBeWritten_Answers451AndLeavesNoPartialFile()
    {
        await using var harness = await SmtpHarness.StartAsync(_mxOnPremises);
        var blocked = Path.Combine(harness.Drop.Root, "on-premises");
        await File.WriteAllTextAsync(blocked, "a file where the folder should be");
        using var client = await harness.ConnectAsync();

        var error = await Assert.ThrowsAsync<SmtpCommandException>(() =>
            client.SendAsync(Messages.Create("partner@external.example", "alice@contoso.com"), MailboxAddress.Parse("partner@external.example"), new[] { MailboxAddress.Parse("alice@contoso.com") }));

        Assert.Equal(451, (int)error.StatusCode);
        Assert.Empty(System.IO.Directory.GetFiles(harness.Drop.Root, "*.eml", SearchOption.AllDirectories));
        Assert.Empty(System.IO.Directory.GetFiles(harness.Drop.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Data_SameMessageRetried_IsDeliveredOnce()
    {
        await using var harness = await SmtpHarness.StartAsync(_mxOnPremises);
        var message = Messages.Create("partner@external.example", "alice@contoso.com");

        var first = Assert.Single(await harness.SendAsync(message, "partner@external.example", new[] { "alice@contoso.com" }));
        var retry = Assert.Single(await harness.SendAsync(message, "partner@external.example", new[] { "alice@contoso.com" }));

        Assert.False(first.IsDuplicate);
        Assert.True(retry.IsDuplicate);
        Assert.Equal(first.File, retry.File);
        Assert.Single(System.IO.Directory.GetFiles(Path.GetDirectoryName(first.File!)!, "*.eml"));
        Assert.Contains("DuplicateDelivery", await File.ReadAllTextAsync(Path.Combine(harness.Drop.Root, "deliveries.log")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_SameMessageIdToAnotherRecipient_IsStillDelivered()
    {
        await using var harness = await SmtpHarness.StartAsync(_mxOnPremises);
        var message = Messages.Create("partner@external.example", "alice@contoso.com");

        await harness.SendAsync(message, "partner@external.example", new[] { "alice@contoso.com" });
        var other = Assert.Single(await harness.SendAsync(message, "partner@external.example", new[] { "bob@contoso.com" }));

        Assert.False(other.IsDuplicate);
    }

    [Fact]
    public void MailDrop_TemporaryFilesLeftByACrash_AreRemovedAndNeverCountAsDeliveries()
    {
        var root = TestFiles.TempFolder();
        var folder = System.IO.Directory.CreateDirectory(Path.Combine(root, "on-premises", "alice@contoso.com")).FullName;
        var leftover = Path.Combine(folder, ".20260101-000000-0001.eml.0123.tmp");
        File.WriteAllText(leftover, "From: half a message");

        _ = new Delivery.MailDrop(root);

        Assert.False(File.Exists(leftover));
    }

    [Fact]
    public async Task Data_TenThousandRecipients_AreAllAcceptedAndDelivered()
    {
        var organization = TestFiles.Organization(_mxOnPremises);
        await using var server = await HarnessSmtpServer.StartAsync(
            new HybridTopology(organization, new NoAgentTransport()), null, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), null, CancellationToken.None);
        using var client = new SmtpClient();
        await client.ConnectAsync(server.EndPoint.Address.ToString(), server.EndPoint.Port, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync("alice@contoso.com", "any");
        var recipients = Enumerable.Range(0, 10_000).Select(i => MailboxAddress.Parse($"user{i}@partner{i % 20}.example")).ToArray();
        var message = Messages.Create("alice@contoso.com", "user0@partner0.example");
        message.To.Clear();
        message.To.AddRange(recipients);

        await client.SendAsync(message, MailboxAddress.Parse("alice@contoso.com"), recipients);

        var copies = Assert.Single(server.Messages).Copies;
        Assert.Equal(10_000, copies.Count);
        Assert.All(copies, copy => Assert.Equal(DeliveryTarget.Internet, copy.Target));
        Assert.Single(copies.Select(copy => copy.Mime).Distinct());
    }

    private static async Task<string[]> RawDialogueAsync(SmtpHarness harness, params string[] commands)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(harness.Server.EndPoint);
        using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var replies = new System.Collections.Generic.List<string> { await ReadReplyAsync(reader) };
        await writer.WriteLineAsync("EHLO client.example");
        replies.Add(await ReadReplyAsync(reader));
        foreach (var command in commands)
        {
            await writer.WriteLineAsync(command);
            replies.Add(await ReadReplyAsync(reader));
        }

        return replies.ToArray();
    }

    private static async Task<string> ReadReplyAsync(StreamReader reader)
    {
        string? line;
        do
        {
            line = await reader.ReadLineAsync() ?? throw new IOException("The server closed the connection.");
        }
        while (line.Length > 3 && line[3] == '-');
        return line;
    }

    private sealed class FailingTransport : IOnPremisesTransport
    {
        public TransportRun Run(TransportItem item, OrganizationModel organization, CancellationToken cancellationToken) =>
            throw new IOException("There is not enough space on the disk.");
    }
}
