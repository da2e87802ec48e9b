using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing.Transport;

namespace ExchangeRules.Harness.Transport;

/// <summary>
/// Runs one message through the categorizer events with the product's <see cref="TransportHandler"/>, the way
/// Exchange raises them for the agent, without the Exchange runtime classes (fast in-process runs for tests,
/// <c>serve</c> and <c>exrules apply</c>): OnSubmittedMessage (recipients addable), the categorizer's group
/// expansion, OnResolvedMessage, OnRoutedMessage; a forked clone continues at OnRoutedMessage with the same session
/// after the first copy has finished; a deferral retries the item as it entered, from the first event, with a new
/// session; a deletion drops it.
/// </summary>
public sealed class HandlerPipeline
{
    private static readonly TransportEvent[] _events = { TransportEvent.Submitted, TransportEvent.Resolved, TransportEvent.Routed };

    private readonly ITransportAgent _agent;
    private readonly int _maxDeferrals;

    /// <summary>Creates the pipeline for the product's agent.</summary>
    /// <param name="handler">The handler the agent uses.</param>
    /// <param name="maxDeferrals">How many immediate retries a deferred item gets before it stays queued.</param>
    public HandlerPipeline(TransportHandler handler, int maxDeferrals = 2)
        : this(new HandlerAgent(handler ?? throw new ArgumentNullException(nameof(handler))), maxDeferrals)
    {
    }

    /// <summary>Creates the pipeline for any agent (a benchmark's reference agent runs in the same model of Exchange).</summary>
    /// <param name="agent">The agent the events are raised on.</param>
    /// <param name="maxDeferrals">How many immediate retries a deferred item gets before it stays queued.</param>
    public HandlerPipeline(ITransportAgent agent, int maxDeferrals = 2)
    {
        _agent = agent ?? throw new ArgumentNullException(nameof(agent));
        _maxDeferrals = maxDeferrals;
    }

    /// <summary>Runs the message.</summary>
    /// <param name="item">The message as it enters the categorizer.</param>
    /// <param name="organization">The organisation for the processor.</param>
    /// <param name="resolveRecipients">The categorizer's expansion of the submitted recipients (groups to members).</param>
    /// <param name="authentication">How the submission was authenticated, when known from outside the message.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <param name="failWritesAfterBytes">Fault injection for content writes.</param>
    public HandlerPipelineRun Run(
        TransportItem item,
        IOrganization organization,
        Func<IReadOnlyList<string>, IReadOnlyList<string>> resolveRecipients,
        SubmissionAuthentication? authentication,
        CancellationToken cancellationToken,
        long? failWritesAfterBytes = null)
    {
        if (item is null)
        {
            throw new ArgumentNullException(nameof(item));
        }

        if (resolveRecipients is null)
        {
            throw new ArgumentNullException(nameof(resolveRecipients));
        }

        var run = new HandlerPipelineRun();
        var pending = new Queue<Work>();
        pending.Enqueue(new Work(item, 0, new TransportSession(), 0));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var work = pending.Dequeue();
            var current = new InMemoryTransportItem(work.Item.Sender, work.Item.Recipients, work.Item.Mime, authentication) { FailWritesAfterBytes = failWritesAfterBytes };
            var finished = false;
            for (var index = work.FirstEvent; index < _events.Length && !finished; index++)
            {
                var transportEvent = _events[index];
                if (transportEvent == TransportEvent.Resolved)
                {
                    current.ReplaceRecipients(resolveRecipients(current.Recipients));
                }

                current.CanAddRecipients = transportEvent == TransportEvent.Submitted;
                var before = current.Recipients;
                var handling = _agent.Handle(current, transportEvent, work.Session, organization, cancellationToken);
                run.Add(new HandlerStep(before, handling));
                foreach (var (recipients, content) in current.TakeForks())
                {
                    pending.Enqueue(new Work(work.Item.With(recipients, content), 2, work.Session, 0));
                }

                if (current.Deleted is not null)
                {
                    finished = true;
                }
                else if (current.Deferred is not null)
                {
                    finished = true;
                    if (work.Deferrals < _maxDeferrals)
                    {
                        pending.Enqueue(new Work(work.Item, 0, new TransportSession(), work.Deferrals + 1));
                    }
                    else
                    {
                        run.Queued.Add(work.Item);
                    }
                }
            }

            if (!finished)
            {
                var recipients = current.Recipients;
                if (recipients.Count > 0)
                {
                    run.Delivered.Add(new TransportItem(work.Item.Sender, recipients, current.Content));
                }
            }
        }

        return run;
    }

    private sealed class HandlerAgent : ITransportAgent
    {
        private readonly TransportHandler _handler;

        public HandlerAgent(TransportHandler handler) => _handler = handler;

        public TransportHandling Handle(ITransportItem item, TransportEvent transportEvent, TransportSession session, IOrganization organization, CancellationToken cancellationToken) =>
            _handler.Handle(item, transportEvent, session, organization, cancellationToken);
    }

    private sealed class Work
    {
        public Work(TransportItem item, int firstEvent, TransportSession session, int deferrals)
        {
            Item = item;
            FirstEvent = firstEvent;
            Session = session;
            Deferrals = deferrals;
        }

        public TransportItem Item { get; }

        public int FirstEvent { get; }

        public TransportSession Session { get; }

        public int Deferrals { get; }
    }
}
