using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Directory;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Harness.Delivery;
using ExchangeRules.Harness.HybridCheck;
using ExchangeRules.Harness.Samples;
using ExchangeRules.Harness.Smtp;
using ExchangeRules.Harness.Topology;
using ExchangeRules.Harness.Transport;
using ExchangeRules.Mime;
using ExchangeRules.Processing;
using ExchangeRules.Templates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Serilog.Core;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// <c>exrules demo</c>: the shipped samples end to end on embedded defaults: starts the harness on a free loopback
/// port, sends every sample message over SMTP and prints what happened to each copy, with the .eml paths.
/// </summary>
public static class DemoCommand
{
    private static readonly string[] _columns = { "Message", "Recipient", "Delivered to", "Agent", "File" };

    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var deliver = new Option<string?>("--deliver") { Description = "Folder for delivered copies (default: a new folder under the temp folder)." };
        var command = new Command("demo", "Run the samples end to end through the fake Exchange pipeline over SMTP and show where each copy went.");
        command.Options.Add(deliver);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult.GetValue(deliver), parseResult.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    /// <summary>The processor the agent would run with the shipped sample rules and directory (copied beside exrules).</summary>
    private static MessageProcessor SampleProcessor()
    {
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        var plan = RuleSetLoader.Load(Path.Combine(samples, "rules", "rules.xml"), new FluidTemplateCompiler());
        var directory = LdifDirectory.Load(Path.Combine(samples, "directory", "contoso.ldif"));
        return MessageProcessorFactory.Create(() => plan, directory, ProcessingOptions.Default, Logger.None);
    }

    internal static async Task<int> RunAsync(string? deliver, TextWriter output, CancellationToken cancellationToken)
    {
        var organization = SampleData.Organization();
        var drop = new MailDrop(deliver ?? Path.Combine(Path.GetTempPath(), "exrules-demo-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)));
        var topology = new HybridTopology(organization, new ProcessorTransport(SampleProcessor()));
        await using var server = await HarnessSmtpServer.StartAsync(topology, drop, new IPEndPoint(IPAddress.Loopback, 0), null, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Sample organisation {organization.Name}: harness listening on {server.EndPoint}, delivering to {drop.Root}");
        output.WriteLine();

        var rows = new System.Collections.Generic.List<string[]>();
        foreach (var (name, mime) in SampleData.Messages())
        {
            using var stream = new MemoryStream(mime);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            var sender = message.From.Mailboxes.First();
            var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).ToList();
            using var client = new SmtpClient();
            var socket = new System.Net.Sockets.Socket(server.EndPoint.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(server.EndPoint, cancellationToken).ConfigureAwait(false);
            await client.ConnectAsync(socket, server.EndPoint.Address.ToString(), server.EndPoint.Port, SecureSocketOptions.None, cancellationToken).ConfigureAwait(false);
            if (!name.StartsWith("internet-", StringComparison.Ordinal))
            {
                await client.AuthenticateAsync(sender.Address, "demo", cancellationToken).ConfigureAwait(false);
            }

            var before = server.Messages.Count;
            await client.SendAsync(message, sender, recipients, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            foreach (var copy in server.Messages.Skip(before).SelectMany(m => m.Copies))
            {
                rows.Add(new[] { name, copy.Recipient, HarnessOutput.Where(copy.Target), HarnessOutput.Agent(copy), Path.GetRelativePath(drop.Root, copy.File ?? string.Empty) });
            }
        }

        HarnessOutput.WriteTable(output, _columns, rows.ToArray());
        output.WriteLine();
        output.WriteLine($"Every copy is an .eml under {drop.Root} with the headers transport and the agent added; deliveries.log lists each path.");
        output.WriteLine("Run `exrules hybrid-check --org samples/org/contoso-hybrid.xml` to see why some flows never reach on-premises transport.");
        return 0;
    }
}
