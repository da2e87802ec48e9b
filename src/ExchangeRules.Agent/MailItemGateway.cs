using System;
using System.Threading;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Transport;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;
using Serilog;

namespace ExchangeRules.Agent;

/// <summary>
/// The one class that knows Exchange's contract for a routing agent event; what happens to the message is the
/// <see cref="TransportHandler"/>'s decision, shared with the harness and <c>exrules apply</c>. It
/// <list type="bullet">
/// <item>asks the handler, synchronously and without reading the content, whether it acts on this event (system
/// messages, items without recipients, items already handled in an earlier event of this agent are skipped without
/// going asynchronous);</item>
/// <item>otherwise goes asynchronous: on the worker thread calls Resume first, and Resume then Complete last, always;</item>
/// <item>hands the handler an <see cref="ExchangeTransportItem"/> (the mail item and event source as primitives) and
/// the session of this agent instance, so a forked clone arriving at OnRoutedMessage is handled and the item handled
/// at OnResolvedMessage is not;</item>
/// <item>lets no exception escape (one would crash EdgeTransport.exe and can poison the message).</item>
/// </list>
/// </summary>
internal sealed class MailItemGateway
{
    // Larger messages are copied to a temporary file instead of memory, so their attachments never sit in
    // the Transport service's memory. A processor with a configuration (IMessageBufferSettings) sets the limit and folder.
    private const long _defaultInMemoryReadLimitBytes = 4L * 1024 * 1024;

    private readonly TransportHandler _handler;
    private readonly IOrganization _organization;
    private readonly ILogger _log;
    private readonly Action<Action> _runOnWorker;
    private readonly TransportSession _session = new();
    private readonly long _inMemoryLimitBytes;
    private readonly string? _spoolFolder;

    /// <param name="processor">Evaluates and edits the message.</param>
    /// <param name="organization">The organisation model for the processor.</param>
    /// <param name="log">Where the gateway reports what it skipped or could not do.</param>
    /// <param name="runOnWorker">Runs the work on another thread (the thread pool in production).</param>
    /// <param name="processingBudget">How long the processor may take before it is cancelled.</param>
    internal MailItemGateway(IMessageProcessor processor, IOrganization organization, ILogger log, Action<Action> runOnWorker, TimeSpan processingBudget)
    {
        if (processor is null)
        {
            throw new ArgumentNullException(nameof(processor));
        }

        _organization = organization ?? throw new ArgumentNullException(nameof(organization));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _runOnWorker = runOnWorker ?? throw new ArgumentNullException(nameof(runOnWorker));
        var buffer = processor as IMessageBufferSettings;
        _inMemoryLimitBytes = buffer?.InMemoryLimitBytes ?? _defaultInMemoryReadLimitBytes;
        _spoolFolder = buffer?.SpoolFolder;
        _handler = new TransportHandler(processor, new TransportHandlerOptions
        {
            OrganizationKey = (processor as IOrganizationKeySource)?.OrganizationKey,
            InMemoryLimitBytes = _inMemoryLimitBytes,
            SpoolFolder = _spoolFolder,
            ProcessingBudget = processingBudget,
            Logger = log,
            Diagnostics = (processor as IAgentLogging)?.Diagnostics ?? TransportDiagnostics.Off,
        });
    }

    /// <summary>The state of this agent's mail item and its clones across events.</summary>
    internal TransportSession Session => _session;

    /// <summary>Handles one event. Never throws.</summary>
    /// <param name="source">The event source (fork, defer, delete).</param>
    /// <param name="mailItem">The mail item of the event.</param>
    /// <param name="transportEvent">Which event is being raised.</param>
    /// <param name="goAsync">Switches the event to asynchronous handling (<c>GetAgentAsyncContext</c>).</param>
    internal void Handle(QueuedMessageEventSource source, MailItem mailItem, TransportEvent transportEvent, Func<IAsyncCompletion> goAsync)
    {
        IAsyncCompletion? completion = null;
        bool scheduled = false;
        try
        {
            var item = new ExchangeTransportItem(source, mailItem, _inMemoryLimitBytes, _spoolFolder, _log);
            if (!_handler.WantsEvent(item, transportEvent, _session))
            {
                return;
            }

            completion = goAsync();
            IAsyncCompletion worker = completion;
            _runOnWorker(() => ProcessOnWorker(item, transportEvent, worker));
            scheduled = true;
        }
        catch (Exception ex)
        {
            _log.Error(ex, "The message was left unchanged: the agent failed before processing it in {Event}.", transportEvent);
        }
        finally
        {
            if (completion is not null && !scheduled)
            {
                CompleteSafely(completion);
            }
        }
    }

    /// <summary>The worker side of <see cref="Handle"/>: Resume first; Resume and Complete last, always.</summary>
    internal void ProcessOnWorker(ITransportItem item, TransportEvent transportEvent, IAsyncCompletion completion)
    {
        try
        {
            completion.Resume();
            _handler.Handle(item, transportEvent, _session, _organization, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "The message was left unchanged: processing failed.");
        }
        finally
        {
            CompleteSafely(completion);
        }
    }

    private void CompleteSafely(IAsyncCompletion completion)
    {
        try
        {
            // Resume right before Complete on the same thread: Exchange logs event 1057 otherwise (DkimSigner PR #208).
            completion.Resume();
        }
        catch (Exception ex)
        {
            _log.Error(ex, "AgentAsyncContext.Resume failed before Complete.");
        }

        try
        {
            completion.Complete();
        }
        catch (Exception ex)
        {
            _log.Error(ex, "AgentAsyncContext.Complete failed.");
        }
    }
}
