using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using ExchangeRules.Harness.Organization;
using ExchangeRules.Harness.Transport;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Routing;

namespace ExchangeRules.Harness.Exchange;

/// <summary>
/// The on-premises categorizer with real routing agents, played the way Exchange plays it (each behaviour and its
/// source is listed in docs/architecture.md, "What the harness models"): factories loaded with Assembly.LoadFrom and
/// CreateInstance, a new agent per mail item, OnSubmitted → OnResolved → OnRouted → OnCategorized with agents in
/// priority order, groups expanded by the categorizer between OnSubmitted and OnResolved, recipients addable only in
/// OnSubmitted (CanAdd), Fork (the item keeps the listed recipients; the clone gets OnRoutedMessage from the same
/// agent instances after the first copy has finished), Defer (content reverted, requeued), Delete, an unclosed MIME
/// write stream restoring the old MIME and clearing the recipients, event 1057 for a missing Resume, and an escaping
/// exception recorded as the crash it would be.
/// </summary>
public sealed class ExchangeTransport : IOnPremisesTransport, IDisposable
{
    private static readonly string[] _topics = { "OnSubmittedMessage", "OnResolvedMessage", "OnRoutedMessage", "OnCategorizedMessage" };
    private readonly List<(AgentRegistration Registration, RoutingAgentFactory Factory)> _agents = new();
    private readonly HashSet<Agent> _issued = new();
    private readonly int _maxDeferrals;
    private readonly TimeSpan _asyncTimeLimit;
    private readonly long? _failMimeWritesAfterBytes;

    /// <summary>Loads the agents' factories, in priority order (first = priority 1).</summary>
    /// <param name="agents">The registered agents, highest priority first.</param>
    /// <param name="maxDeferrals">How many immediate retries a deferred item gets before it stays queued.</param>
    /// <param name="asyncTimeLimit">How long an asynchronous event may take before it counts as hung (agentExecution's limit).</param>
    /// <param name="failMimeWritesAfterBytes">
    /// Fault injection: every MIME write stream throws an IOException once this many bytes were written (a full disk,
    /// a storage error), to show what an agent leaves behind when a write fails half way.
    /// </param>
    /// <exception cref="InvalidOperationException">A factory cannot be created: Exchange's transport service would not start.</exception>
    public ExchangeTransport(IEnumerable<AgentRegistration> agents, int maxDeferrals = 2, TimeSpan? asyncTimeLimit = null, long? failMimeWritesAfterBytes = null)
    {
        _maxDeferrals = maxDeferrals;
        _failMimeWritesAfterBytes = failMimeWritesAfterBytes;
        _asyncTimeLimit = asyncTimeLimit ?? TimeSpan.FromSeconds(60);
        foreach (var registration in agents ?? throw new ArgumentNullException(nameof(agents)))
        {
            _agents.Add((registration, CreateFactory(registration)));
        }
    }

    /// <inheritdoc />
    public TransportRun Run(TransportItem item, OrganizationModel organization, CancellationToken cancellationToken)
    {
        if (item is null)
        {
            throw new ArgumentNullException(nameof(item));
        }

        var events = new List<string>();
        var delivered = new List<TransportItem>();
        var queued = new List<TransportItem>();
        var server = new HarnessSmtpServerState(organization, events.Add);
        var pending = new Queue<Pending>();
        pending.Enqueue(new Pending(item, 0, 0, null));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var next = pending.Dequeue();
            RunItem(next, organization, server, events, delivered, queued, pending);
        }

        return new TransportRun(delivered, queued, events, agentRan: _agents.Count > 0);
    }

    /// <summary>Calls Close on every factory, as Exchange does at shutdown.</summary>
    public void Dispose()
    {
        foreach (var (_, factory) in _agents)
        {
            factory.Close();
        }
    }

    private void RunItem(Pending work, OrganizationModel organization, SmtpServer server, List<string> events, List<TransportItem> delivered, List<TransportItem> queued, Queue<Pending> pending)
    {
        var mailItem = new HarnessMailItem(organization, work.Item.Sender, work.Item.Recipients, work.Item.Mime) { FailWritesAfterBytes = _failMimeWritesAfterBytes };
        var agents = work.Agents ?? CreateAgents(server, events);
        if (agents is null)
        {
            queued.Add(work.Item);
            return;
        }

        for (var index = work.FirstEvent; index < _topics.Length; index++)
        {
            var topic = _topics[index];
            if (index == 1 && work.FirstEvent == 0)
            {
                ResolveRecipients(mailItem, organization, events);
            }

            foreach (var (name, agent) in agents.Where(a => a.Agent.HasHandler(topic)))
            {
                var actions = new QueueActions(mailItem);
                var outcome = Raise(name, agent, topic, index, mailItem, actions, events);
                if (outcome is not null)
                {
                    queued.Add(work.Item);
                    return;
                }

                if (mailItem.WriteStreamOpen)
                {
                    events.Add($"{name} left the MIME write stream open in {topic} (AgentDidNotCloseMimeStream): the previous MIME is restored and all recipients are removed");
                    mailItem.RestoreAfterUnclosedWriteStream();
                }

                events.AddRange(mailItem.TakeWriteFailures().Select(f => $"{name} in {topic}: {f}"));
                events.AddRange(actions.Notes.Select(n => $"{name} in {topic}: {n}"));
                foreach (var (rest, content) in actions.Forks)
                {
                    // QueuedMessageEventSource.Fork: the clone receives an OnRoutedMessage invocation after the first
                    // copy's processing has finished, handled by the same agent instance.
                    events.Add($"{name} forked the item in {topic}: {rest.Count} recipient(s) continue as a new item at OnRoutedMessage");
                    pending.Enqueue(new Pending(work.Item.With(rest, content), 2, 0, agents));
                }

                if (actions.Deleted is not null)
                {
                    events.Add($"{name} in {topic}: {actions.Deleted}");
                    return;
                }

                if (actions.Deferred is not null)
                {
                    // Defer "reverts the contents of the current MailItem to the original contents"; the retry runs every
                    // categorizer event again with new agents (assumed: no source says where a deferred item re-enters).
                    if (work.Deferrals < _maxDeferrals)
                    {
                        events.Add($"{name} in {topic}: {actions.Deferred}; content reverted, the item is retried");
                        pending.Enqueue(new Pending(work.Item, 0, work.Deferrals + 1, null));
                    }
                    else
                    {
                        events.Add($"{name} in {topic}: {actions.Deferred}; still deferred after {work.Deferrals + 1} attempts, the item stays queued with its original content");
                        queued.Add(work.Item);
                    }

                    return;
                }
            }
        }

        events.AddRange(mailItem.RecipientList.Bounced.Select(b => "recipient removed with an NDR: " + b));
        var recipients = mailItem.RecipientList.Addresses.ToList();
        if (recipients.Count == 0)
        {
            events.Add("the item has no recipients left: nothing is delivered");
            return;
        }

        delivered.Add(new TransportItem(mailItem.FromAddress == RoutingAddress.NullReversePath ? string.Empty : mailItem.FromAddress.ToString(), recipients, mailItem.Content));
    }

    private List<(string Name, Agent Agent)>? CreateAgents(SmtpServer server, List<string> events)
    {
        var agents = new List<(string Name, Agent Agent)>();
        foreach (var (registration, factory) in _agents)
        {
            var agent = ((AgentFactory)factory).CreateAgent(registration.FactoryTypeName, server);
            if (agent is null || !_issued.Add(agent))
            {
                events.Add($"CRASH: {registration.Name}'s factory returned {(agent is null ? "null" : "an agent instance already in use")} (ApplicationException in Exchange); the message goes to the poison queue");
                return null;
            }

            agent.Name = registration.Name;
            agents.Add((registration.Name, agent));
        }

        return agents;
    }

    /// <summary>The categorizer's resolution between OnSubmittedMessage and OnResolvedMessage: groups become their members.</summary>
    private static void ResolveRecipients(HarnessMailItem mailItem, OrganizationModel organization, List<string> events)
    {
        var groups = new List<string>();
        var resolved = Categorizer.ExpandGroups(organization, mailItem.RecipientList.Addresses.ToList(), groups.Add);
        if (groups.Count == 0)
        {
            return;
        }

        events.Add($"categorizer: expanded group(s) {string.Join(", ", groups)} before OnResolvedMessage");
        mailItem.RecipientList.ReplaceAddresses(resolved);
    }

    // CanAdd holds for the whole event, an asynchronous one included: until the agent calls Complete.
    private string? Raise(string name, Agent agent, string topic, int index, HarnessMailItem mailItem, QueueActions actions, List<string> events)
    {
        mailItem.RecipientList.AddAllowed = index == 0;
        try
        {
            return RaiseCore(name, agent, topic, index, mailItem, actions, events);
        }
        finally
        {
            mailItem.RecipientList.AddAllowed = false;
        }
    }

    private string? RaiseCore(string name, Agent agent, string topic, int index, HarnessMailItem mailItem, QueueActions actions, List<string> events)
    {
        var resumedThreads = new HashSet<int>();
        var completed = new ManualResetEventSlim(false);
        var completingThread = 0;
        var invokingThread = Environment.CurrentManagedThreadId;
        AgentAsyncContext? context;
        try
        {
            context = agent.Invoke(topic, CreateSource(index, actions), new HarnessEventArgs(mailItem), () => new AgentAsyncContext(
                _ =>
                {
                    lock (resumedThreads)
                    {
                        resumedThreads.Add(Environment.CurrentManagedThreadId);
                    }
                },
                _ =>
                {
                    completingThread = Environment.CurrentManagedThreadId;
                    completed.Set();
                }));
        }
#pragma warning disable CA1031 // Exchange crashes here; the harness records the crash instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var crash = $"CRASH: {ex.GetType().FullName} escaped {name}'s {topic} handler ({ex.Message}): EdgeTransport.exe would terminate and the message would go to the poison queue";
            events.Add(crash);
            return crash;
        }

        if (context is null)
        {
            completed.Dispose();
            return null;
        }

        using (completed)
        {
            if (!completed.Wait(_asyncTimeLimit))
            {
                var hung = $"CRASH: {name} went async in {topic} and did not call Complete within {_asyncTimeLimit.TotalSeconds:0} s";
                events.Add(hung);
                return hung;
            }
        }

        bool resumed;
        lock (resumedThreads)
        {
            resumed = resumedThreads.Contains(completingThread);
        }

        if (completingThread != invokingThread && !resumed)
        {
            events.Add($"event 1057: Agent '{name}' went async but did not call Resume on the new thread, while handling event '{topic}'");
        }

        if (context.AsyncException is { } failure)
        {
            var crash = $"CRASH: {name} completed {topic} with AsyncException {failure.GetType().FullName} ({failure.Message}): transport re-throws it";
            events.Add(crash);
            return crash;
        }

        return null;
    }

    private static QueuedMessageEventSource CreateSource(int index, QueueActions actions) => index switch
    {
        0 => new HarnessSubmittedMessageSource(actions),
        1 => new HarnessResolvedMessageSource(actions),
        2 => new HarnessRoutedMessageSource(actions),
        _ => new HarnessCategorizedMessageSource(actions),
    };

    private static RoutingAgentFactory CreateFactory(AgentRegistration registration)
    {
        object? instance;
        try
        {
            var assembly = Assembly.LoadFrom(registration.AssemblyPath);
            instance = assembly.CreateInstance(registration.FactoryTypeName);
        }
#pragma warning disable CA1031 // Report every load failure the way the transport service does: it does not start.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new InvalidOperationException(
                $"The factory {registration.FactoryTypeName} of agent '{registration.Name}' could not be created ({ex.GetType().Name}: {ex.Message}); the Transport service would not start.", ex);
        }

        if (instance is null)
        {
            throw new InvalidOperationException($"The TransportAgentFactory type {registration.FactoryTypeName} doesn't exist in {registration.AssemblyPath}.");
        }

        for (var type = instance.GetType().BaseType; type is not null; type = type.BaseType)
        {
            if (type == typeof(RoutingAgentFactory))
            {
                return (RoutingAgentFactory)instance;
            }
        }

        throw new InvalidOperationException($"{registration.FactoryTypeName} must derive from Microsoft.Exchange.Data.Transport.Routing.RoutingAgentFactory.");
    }

    private sealed class Pending
    {
        public Pending(TransportItem item, int firstEvent, int deferrals, List<(string Name, Agent Agent)>? agents)
        {
            Item = item;
            FirstEvent = firstEvent;
            Deferrals = deferrals;
            Agents = agents;
        }

        /// <summary>The agent instances of the item this one was forked from; <see langword="null"/> for new ones.</summary>
        public List<(string Name, Agent Agent)>? Agents { get; }

        public TransportItem Item { get; }

        public int FirstEvent { get; }

        public int Deferrals { get; }
    }
}
