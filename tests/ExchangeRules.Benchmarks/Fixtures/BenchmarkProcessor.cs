using System.IO;
using System.Threading;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Mime;
using ExchangeRules.Processing;
using Serilog;

namespace ExchangeRules.Benchmarks.Fixtures;

/// <summary>
/// The product as a host runs it: <see cref="MessageProcessor"/> with the MimeKit editor, the benchmark
/// directory, default limits and Information-level logging formatted as compact JSON.
/// </summary>
internal static class BenchmarkProcessor
{
    /// <summary>The editor the processor uses.</summary>
    public static IMessageEditor Editor { get; } = new MimeMessageEditor();

    /// <summary>Creates a processor for a plan.</summary>
    /// <param name="plan">The rules.</param>
    /// <param name="logEveryMessage">Log at Information, the default level, where every message writes one event; otherwise at Warning.</param>
    public static MessageProcessor Create(IRulePlan plan, bool logEveryMessage = true) =>
        new(() => plan, Editor, new BenchmarkDirectory(), ProcessingOptions.Default, logEveryMessage ? InformationLogger() : Logger(Serilog.Events.LogEventLevel.Warning));

    /// <summary>A logger at Information, the default level, formatting every event as compact JSON and discarding it.</summary>
    public static ILogger InformationLogger() => Logger(Serilog.Events.LogEventLevel.Information);

    private static Serilog.Core.Logger Logger(Serilog.Events.LogEventLevel level) =>
        new LoggerConfiguration().MinimumLevel.Is(level).WriteTo.Sink(new DiscardingJsonSink()).CreateLogger();

    /// <summary>Processes one message read from a byte array; disposes the result's stream.</summary>
    public static ProcessingOutcome Process(IMessageProcessor processor, MessageEnvelope envelope, byte[] mime)
    {
        using var input = new MemoryStream(mime, writable: false);
        var result = processor.Process(envelope, BenchmarkOrganization.Instance, input, CancellationToken.None);
        result.Mime?.Dispose();
        return result.Outcome;
    }

    /// <summary>An envelope from the benchmark sender, submitted by an authenticated client.</summary>
    public static MessageEnvelope Envelope(string recipient) =>
        new(MessageFixtures.Sender, [recipient], SubmissionOrigin.Authenticated);
}
