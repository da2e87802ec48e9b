using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Testing;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

/// <summary><c>--rules</c> on <c>exrules serve</c> and <c>exrules hybrid-check</c>: the agent runs the real rules.</summary>
public sealed class HarnessRulesOptionTests
{
    private static readonly TimeSpan _regexTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public void HybridCheck_WithRules_ShowsPerFlowWhichRulesAct()
    {
        var (exitCode, output) = Invoke(HybridCheckCommand.Create(), "hybrid-check", "--org", Sample("org", "contoso-hybrid.xml"), "--rules", Sample("rules", "rules.xml"));

        Assert.Equal(HybridCheckCommand.NeedsAttention, exitCode);
        Assert.Contains("agent running the rules in", output, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"on-premises → internet: .*\n.*\n\s+rules that act: Signature for internal and outgoing mail, Legal disclaimer for external recipients", RegexOptions.None, _regexTimeout), output);
        Assert.Matches(new Regex(@"internet \(spoofed internal sender\) → on-premises mailbox .*\n.*\n\s+rules that act: External sender banner, Subject tag on incoming mail", RegexOptions.None, _regexTimeout), output);
        Assert.Contains("rules that act: none (the agent never sees this message)", output, StringComparison.Ordinal);
        Assert.Contains("9 of 16 flows are processed by the agent.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void HybridCheck_RuleMatchesButItsBlockRendersEmpty_NamesTheRuleAndTheEmptyBlock()
    {
        // Carol (a cloud mailbox) is not in the directory: the disclaimer made only of her department renders empty.
        var rules = Path.Combine(AppContext.BaseDirectory, "TestData", "HybridCheck", "empty-block-rules.xml");

        var (_, output) = Invoke(HybridCheckCommand.Create(), "hybrid-check", "--org", Sample("org", "contoso-hybrid.xml"), "--rules", rules);

        var flow = new Regex(@"cloud → internet \(CMT on\): .*\n.*\n(?<rules>(\s+rule.*\n)+)", RegexOptions.None, _regexTimeout).Match(output);
        Assert.True(flow.Success, output);
        var lines = flow.Groups["rules"].Value;
        Assert.DoesNotContain("no rule matches", lines, StringComparison.Ordinal);
        Assert.Contains("rules that act: none (a rule matches but changes nothing, see below)", lines, StringComparison.Ordinal);
        Assert.Contains("rule that matches without effect: Cost centre line (matched, but its disclaimer block rendered empty for this message (template 'cost-centre'): a directory field it uses is probably empty", lines, StringComparison.Ordinal);

        // A flow the rule's conditions do not cover still says so.
        Assert.Matches(new Regex(@"internet → on-premises mailbox .*\n.*\n\s+rules that act: none \(no rule matches this message\)", RegexOptions.None, _regexTimeout), output);
    }

    [Fact]
    public void HybridCheck_WithoutRules_SaysTheAgentOnlyWritesItsMarker()
    {
        var (_, output) = Invoke(HybridCheckCommand.Create(), "hybrid-check", "--org", Sample("org", "contoso-hybrid.xml"));

        Assert.Contains("it writes only X-ExchangeRules-Processed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("rules that act", output, StringComparison.Ordinal);
    }

    [Fact]
    public void HybridCheck_InvalidRules_ExitsWithTheRulesFileError()
    {
        var (exitCode, output) = Invoke(HybridCheckCommand.Create(), "hybrid-check", "--org", Sample("org", "contoso-hybrid.xml"), "--rules", Path.Combine(AppContext.BaseDirectory, "TestData", "rules", "invalid.xml"));

        Assert.Equal(HybridCheckCommand.InvalidInput, exitCode);
        Assert.Contains("invalid.xml", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithRules_StampsWhatItReceivesOverSmtpAndLogsTheRules()
    {
        var deliver = Path.Combine(Path.GetTempPath(), "exrules-serve-test-" + Guid.NewGuid().ToString("N"));
        using var output = new SynchronizedWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var root = new RootCommand { ServeCommand.Create() };
        var serving = root.Parse(new[] { "serve", "--org", Sample("org", "contoso-hybrid.xml"), "--rules", Sample("rules", "rules.xml"), "--listen", "127.0.0.1:0", "--deliver", deliver })
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stop.Token);
        var endPoint = await ListeningEndPoint(output, serving);

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("alice@contoso.com"));
        message.To.Add(MailboxAddress.Parse("partner@external.example"));
        message.Subject = "Serve with rules";
        message.Body = new TextPart("plain") { Text = "Hello." };
        using (var client = new SmtpClient())
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endPoint);
            await client.ConnectAsync(socket, endPoint.Address.ToString(), endPoint.Port, SecureSocketOptions.None);
            await client.AuthenticateAsync("alice@contoso.com", "x");
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await serving);
        var file = Assert.Single(System.IO.Directory.GetFiles(deliver, "*.eml", SearchOption.AllDirectories));
        var delivered = File.ReadAllText(file);
        // Delivered to the internet: nothing of ours (marker, rule names, server name) leaves the organisation.
        Assert.DoesNotContain("X-ExchangeRules-", delivered, StringComparison.Ordinal);
        Assert.Contains("This message and any attachments are confidential", delivered, StringComparison.Ordinal);
        Assert.Contains("rules: Signature for internal and outgoing mail, Legal disclaimer for external recipients", output.ToString(), StringComparison.Ordinal);

        // Alice is an Outlook user in the sample organisation: stamped in Summary TNEF, converted to MIME for the internet.
        Assert.DoesNotContain("application/ms-tnef", delivered, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<IPEndPoint> ListeningEndPoint(SynchronizedWriter output, Task<int> serving)
    {
        var pattern = new Regex(@"listening on (127\.0\.0\.1:\d+)", RegexOptions.None, _regexTimeout);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var match = pattern.Match(output.ToString());
            if (match.Success)
            {
                return IPEndPoint.Parse(match.Groups[1].Value);
            }

            Assert.False(serving.IsCompleted, "serve stopped before listening: " + output);
            await Task.Delay(100);
        }

        throw new TimeoutException("serve did not report its endpoint: " + output);
    }

    private static (int ExitCode, string Output) Invoke(Command command, params string[] args)
    {
        var root = new RootCommand { command };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output + error.ToString());
    }

    private static string Sample(string folder, string file) => Path.Combine(TestRepository.Root, "samples", folder, file);

    /// <summary>A StringWriter the serve loop and the test can use from different threads.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                base.WriteLine(value);
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }
}
