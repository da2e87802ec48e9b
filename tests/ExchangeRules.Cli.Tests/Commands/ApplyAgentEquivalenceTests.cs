using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using ExchangeRules.Cli.Commands;
using ExchangeRules.Harness.Exchange;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Transport;
using ExchangeRules.Testing;
using MimeKit;
using Xunit;
using Xunit.Abstractions;

namespace ExchangeRules.Cli.Tests.Commands;

/// <summary>
/// <c>exrules apply</c> must decide exactly as the agent on a server: every message of the shared real-world corpus
/// (mail nobody here wrote) goes through <c>exrules apply --sender-authenticated</c> and through the real agent DLL
/// loaded by the harness's Exchange categorizer, with the sample rules, organisation and directory; per recipient the
/// delivered subject, bodies and our headers must be the same (or both hold the message back).
/// </summary>
public sealed class ApplyAgentEquivalenceTests : IDisposable
{
    private static readonly string[] _applyVerb = { "apply" };
    private readonly string _work = Path.Combine(Path.GetTempPath(), "exrules-equivalence-" + Guid.NewGuid().ToString("N"));
    private readonly ITestOutputHelper _log;

    public ApplyAgentEquivalenceTests(ITestOutputHelper log)
    {
        _log = log;
    }

    [Fact]
    public void ApplyAndTheAgent_DecideTheSame_OnEveryCorpusMessage()
    {
        var root = TestRepository.Root;
        var organizationPath = Path.Combine(root, "samples", "org", "contoso-hybrid.xml");
        var organization = OrganizationFile.Load(organizationPath);
        var messages = CorpusMessages(Path.Combine(_work, "in"));
        Assert.True(messages.Count >= 100, $"only {messages.Count} corpus messages found");

        var output = new StringWriter();
        var error = new StringWriter();
        var command = new RootCommand { ApplyCommand.Create(MessageProcessorFactory.CreateEditor) };
        var args = _applyVerb.Concat(new[] { "--rules", Path.Combine(root, "samples", "rules", "rules.xml"), "--org", organizationPath, "--sender-authenticated", "--out", Path.Combine(_work, "out"), "--trace" }).Concat(messages).ToArray();
        command.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });

        using var transport = new ExchangeTransport(new[] { InstallAgent(root) }, maxDeferrals: 0, asyncTimeLimit: TimeSpan.FromSeconds(60));
        var compared = 0;
        var differences = new List<string>();
        foreach (var path in messages)
        {
            var tracePath = Path.Combine(_work, "out", Path.GetFileName(path) + ".trace.json");
            if (!File.Exists(tracePath))
            {
                continue; // apply could not read it or found no recipient; the agent never sees such a message either.
            }

            using var trace = JsonDocument.Parse(File.ReadAllText(tracePath));
            var sender = trace.RootElement.GetProperty("sender").GetString()!;
            var recipients = trace.RootElement.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()!).ToList();
            var byApply = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var copy in trace.RootElement.GetProperty("copies").EnumerateArray())
            {
                var file = copy.GetProperty("output").GetString();
                foreach (var recipient in copy.GetProperty("recipients").EnumerateArray())
                {
                    byApply[recipient.GetString()!] = file is null ? "held back" : Decision(File.ReadAllBytes(file));
                }
            }

            var run = transport.Run(new TransportItem(sender, recipients, AsSubmittedAuthenticated(File.ReadAllBytes(path), organization.Server)), organization, CancellationToken.None);
            var byAgent = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in run.Delivered)
            {
                foreach (var recipient in item.Recipients)
                {
                    byAgent[recipient] = Decision(item.Mime);
                }
            }

            foreach (var recipient in byApply.Keys.Union(byAgent.Keys, StringComparer.OrdinalIgnoreCase))
            {
                var apply = byApply.TryGetValue(recipient, out var a) ? a : "held back";
                var agent = byAgent.TryGetValue(recipient, out var g) ? g : "held back";
                if (apply != agent)
                {
                    differences.Add($"{path} to {recipient}:\n  apply: {apply}\n  agent: {agent}\n  events: {string.Join(" | ", run.Events)}");
                }
            }

            compared++;
        }

        _log.WriteLine($"{compared} corpus messages compared; {differences.Count} difference(s).");
        Assert.True(compared >= 100, $"only {compared} messages could be compared: {error}");
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(10)));
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_work))
        {
            System.IO.Directory.Delete(_work, recursive: true);
        }
    }

    /// <summary>What the recipient gets: subject, text and HTML bodies, attachments, and our headers.</summary>
    private static string Decision(byte[] mime)
    {
        using var stream = new MemoryStream(mime);
        var message = MimeMessage.Load(stream);
        var ours = string.Join("; ", message.Headers.Where(h => TransportHandler.IsOwnHeader(h.Field)).Select(h => h.Field + "=" + h.Value));
        return $"subject={message.Subject} | ours={ours} | text={Hash(message.TextBody)} | html={Hash(message.HtmlBody)} | attachments={message.Attachments.Count()}";
    }

    private static string Hash(string? text) => text is null ? "none" : text.Length + ":" + StringComparer.Ordinal.GetHashCode(text).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The message as Exchange hands it to the agent after an authenticated submission: its header firewall removes
    /// organisation headers that came with it, then the authentication stamps go first in the header block (where a
    /// malformed header line further down cannot hide them from a parser).
    /// </summary>
    private static byte[] AsSubmittedAuthenticated(byte[] original, string server)
    {
        using var source = new MemoryStream(original, writable: false);
        using var stamped = new MemoryStream();
        var lf = Array.IndexOf(original, (byte)'\n');
        var newLine = lf > 0 && original[lf - 1] == '\r' ? "\r\n" : "\n";
        var stamps = System.Text.Encoding.ASCII.GetBytes(
            $"{OrganizationHeaders.AuthAs}: Internal{newLine}{OrganizationHeaders.AuthSource}: {server}{newLine}{OrganizationHeaders.AuthMechanism}: 04{newLine}");
        stamped.Write(stamps, 0, stamps.Length);
        TopLevelHeaders.Copy(
            source,
            stamped,
            name => name.StartsWith("X-MS-Exchange-Organization-", StringComparison.OrdinalIgnoreCase),
            Array.Empty<KeyValuePair<string, string>>());
        return stamped.ToArray();
    }

    private AgentRegistration InstallAgent(string root)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "agent");
        File.WriteAllText(Path.Combine(folder, "ExchangeRules.config.xml"), $"""
<?xml version="1.0" encoding="utf-8"?>
<agentConfiguration xmlns="urn:exchangerules:config:v1">
  <rules path="{Path.Combine(root, "samples", "rules", "rules.xml")}" />
  <directory><ldif path="{Path.Combine(root, "samples", "directory", "contoso.ldif")}" /></directory>
  <logging folder="{Path.Combine(_work, "logs")}" level="Warning" eventLog="false" />
</agentConfiguration>
""");
        return new AgentRegistration("ExchangeRules", Path.Combine(folder, "ExchangeRules.Agent.dll"), "ExchangeRules.Agent.ExchangeRulesRoutingAgentFactory");
    }

    /// <summary>Every corpus message, copied under a unique name (apply names its outputs after the file).</summary>
    private static List<string> CorpusMessages(string folder)
    {
        System.IO.Directory.CreateDirectory(folder);
        var result = new List<string>();
        var index = 0;
        foreach (var entry in TestRepository.CorpusIndex().Where(entry => !entry.Tags.Contains("not-a-message")))
        {
            var target = Path.Combine(folder, $"{index++:000}-{Path.GetFileNameWithoutExtension(entry.Path)}.eml");
            File.WriteAllBytes(target, WithoutMboxSeparator(File.ReadAllBytes(entry.Path)));
            result.Add(target);
        }

        return result;
    }

    /// <summary>
    /// Drops a leading mbox "From " separator line (RFC 4155): it belongs to the mailbox file the message was saved
    /// in, not to the message, and no SMTP client sends it to Exchange.
    /// </summary>
    private static byte[] WithoutMboxSeparator(byte[] message)
    {
        if (message.Length < 5 || message[0] != 'F' || message[1] != 'r' || message[2] != 'o' || message[3] != 'm' || message[4] != ' ')
        {
            return message;
        }

        var lineEnd = Array.IndexOf(message, (byte)'\n');
        return lineEnd < 0 ? message : message.AsSpan(lineEnd + 1).ToArray();
    }
}
