using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExchangeRules.Harness.Delivery;
using ExchangeRules.Harness.Topology;
using SmtpServer.Net;
using ServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace ExchangeRules.Harness.Smtp;

/// <summary>
/// The harness's SMTP front end on loopback: real clients (MailKit, swaks) send to it; anonymous sessions are
/// internet mail, sessions authenticated as a mailbox of the organisation submit from that mailbox's side.
/// Each accepted message runs through the topology simulation and its copies go to the mail drop.
/// </summary>
public sealed class HarnessSmtpServer : IAsyncDisposable
{
    /// <summary>
    /// The largest message accepted, in bytes: 36 MB, the default <c>MaxMessageSize</c> of Exchange 2016/2019 receive
    /// connectors, advertised with the SIZE extension (RFC 1870) and enforced with <c>552 5.3.4</c>.
    /// </summary>
    public const int DefaultMaxMessageSize = 36 * 1024 * 1024;

    private const int _refusalsPerSession = 10_000;

    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop;
    private readonly Task _running;
    private readonly ConcurrentQueue<HarnessMessage> _messages;

    private HarnessSmtpServer(SmtpServer.SmtpServer server, CancellationTokenSource stop, Task running, IPEndPoint endPoint, ConcurrentQueue<HarnessMessage> messages)
    {
        _server = server;
        _stop = stop;
        _running = running;
        EndPoint = endPoint;
        _messages = messages;
    }

    /// <summary>The address the server listens on.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The messages accepted so far, in order: all of them, or the last ones the server was told to keep.</summary>
    public IReadOnlyCollection<HarnessMessage> Messages => _messages;

    /// <summary>Starts listening and keeps every accepted message in <see cref="Messages"/> (for tests and demos).</summary>
    /// <param name="topology">The simulated organisation with its on-premises transport.</param>
    /// <param name="drop">Where delivered copies are written, or <see langword="null"/> to keep them in memory only.</param>
    /// <param name="endPoint">Where to listen; port 0 picks a free port. Only loopback addresses are allowed.</param>
    /// <param name="onMessage">Called after each message was routed and delivered.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<HarnessSmtpServer> StartAsync(
        HybridTopology topology,
        MailDrop? drop,
        IPEndPoint endPoint,
        Action<HarnessMessage>? onMessage,
        CancellationToken cancellationToken) =>
        StartAsync(topology, drop, endPoint, onMessage, int.MaxValue, cancellationToken);

    /// <summary>Starts listening.</summary>
    /// <param name="topology">The simulated organisation with its on-premises transport.</param>
    /// <param name="drop">Where delivered copies are written, or <see langword="null"/> to keep them in memory only.</param>
    /// <param name="endPoint">Where to listen; port 0 picks a free port. Only loopback addresses are allowed.</param>
    /// <param name="onMessage">Called after each message was routed and delivered.</param>
    /// <param name="keptMessages">
    /// How many of the latest messages <see cref="Messages"/> keeps, with their delivered copies. A long-running server
    /// (<c>exrules serve</c>, a throughput benchmark) keeps none: like Exchange, it forgets a message once delivered.
    /// </param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<HarnessSmtpServer> StartAsync(
        HybridTopology topology,
        MailDrop? drop,
        IPEndPoint endPoint,
        Action<HarnessMessage>? onMessage,
        int keptMessages,
        CancellationToken cancellationToken) =>
        StartAsync(topology, drop, endPoint, onMessage, keptMessages, DefaultMaxMessageSize, cancellationToken);

    /// <summary>Starts listening with a message size limit.</summary>
    /// <param name="topology">The simulated organisation with its on-premises transport.</param>
    /// <param name="drop">Where delivered copies are written, or <see langword="null"/> to keep them in memory only.</param>
    /// <param name="endPoint">Where to listen; port 0 picks a free port. Only loopback addresses are allowed.</param>
    /// <param name="onMessage">Called after each message was routed and delivered.</param>
    /// <param name="keptMessages">How many of the latest messages <see cref="Messages"/> keeps.</param>
    /// <param name="maxMessageSize">The largest message accepted, in bytes (advertised as SIZE).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<HarnessSmtpServer> StartAsync(
        HybridTopology topology,
        MailDrop? drop,
        IPEndPoint endPoint,
        Action<HarnessMessage>? onMessage,
        int keptMessages,
        int maxMessageSize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentOutOfRangeException.ThrowIfNegative(keptMessages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessageSize);
        if (!IPAddress.IsLoopback(endPoint.Address))
        {
            throw new ArgumentException($"The harness listens on loopback only, not on {endPoint.Address}.", nameof(endPoint));
        }

        var messages = new ConcurrentQueue<HarnessMessage>();
        var started = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new NoDelayEndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult((IPEndPoint)e.LocalEndPoint);

        var options = new SmtpServer.SmtpServerOptionsBuilder()
            .ServerName(topology.Organization.Server)
            // Advertised as SIZE; enforced by the recipient filter (SIZE=) and the store (the data), with Exchange's 552 5.3.4.
            .MaxMessageSize(maxMessageSize, SmtpServer.MaxMessageSizeHandling.Ignore)
            // The package closes a session after this many refusals in a row; Exchange refuses recipients one by one
            // and keeps the session, so a message with many unknown recipients still reaches DATA for the rest.
            .MaxRetryCount(_refusalsPerSession)
            .Endpoint(builder => builder.Endpoint(endPoint).AllowUnsecureAuthentication(true).AuthenticationRequired(false))
            .Build();
        var services = new ServiceProvider();
        services.Add(new ExchangeRecipientFilter(topology.Organization, maxMessageSize));
        services.Add(new PipelineMessageStore(topology, drop, maxMessageSize, message =>
        {
            if (keptMessages > 0)
            {
                messages.Enqueue(message);
                while (messages.Count > keptMessages && messages.TryDequeue(out _))
                {
                }
            }

            onMessage?.Invoke(message);
        }));
        services.Add(new MailboxAuthenticator(topology.Organization));
        services.Add(listeners);

        var server = new SmtpServer.SmtpServer(options, services);
        var stop = new CancellationTokenSource();
        var running = server.StartAsync(stop.Token);
        using (cancellationToken.Register(() => started.TrySetCanceled(cancellationToken)))
        {
            var finished = await Task.WhenAny(started.Task, running).ConfigureAwait(false);
            if (finished == running)
            {
                await running.ConfigureAwait(false);
                throw new InvalidOperationException($"The SMTP front end stopped before it listened on {endPoint}.");
            }
        }

        return new HarnessSmtpServer(server, stop, running, await started.Task.ConfigureAwait(false), messages);
    }

    /// <summary>Waits until the server stops (after <see cref="DisposeAsync"/> or a fault).</summary>
    public Task Completion => _running;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The normal end of a cancelled server.
        }

        _stop.Dispose();
    }
}
