using System;
using System.Collections.Generic;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// Base of every transport agent. Event subscriptions live in an internal handler table keyed by event
/// topic; the runtime (here: the test harness) raises an event through <see cref="Invoke"/>.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa563622(v=exchg.150).
/// </summary>
public abstract class Agent
{
    private readonly Dictionary<string, Delegate> _handlers = new(StringComparer.Ordinal);
    private Func<AgentAsyncContext> _createAsyncContext;
    private AgentAsyncContext _asyncContext;

    /// <summary>Initializes the agent.</summary>
    protected Agent()
    {
    }

    /// <summary>The name the agent was registered under (Install-TransportAgent -Name).</summary>
    protected internal string Name { get; internal set; }

    /// <summary>The name of the event being raised, for example <c>OnSubmittedMessage</c>.</summary>
    protected internal string EventTopic { get; internal set; }

    /// <summary>The mail item of the event being raised (public agents reach it through the event arguments).</summary>
    internal MailItem MailItem { get; set; }

    /// <summary>The event topics this agent subscribed to.</summary>
    internal IReadOnlyCollection<string> SubscribedEventTopics => _handlers.Keys;

    /// <summary>
    /// Switches the current event to asynchronous handling. The handler must call
    /// <see cref="AgentAsyncContext.Complete"/> when it is done.
    /// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa566711(v=exchg.150).
    /// </summary>
    /// <exception cref="InvalidOperationException">Called twice during one event, or outside an event.</exception>
    protected AgentAsyncContext GetAgentAsyncContext()
    {
        if (_createAsyncContext is null)
        {
            throw new InvalidOperationException("GetAgentAsyncContext can only be called while the agent handles an event.");
        }

        if (_asyncContext is not null)
        {
            throw new InvalidOperationException("GetAgentAsyncContext was already called for this event.");
        }

        _asyncContext = _createAsyncContext();
        return _asyncContext;
    }

    /// <summary>Whether a handler is subscribed for <paramref name="eventTopic"/>.</summary>
    internal bool HasHandler(string eventTopic) => _handlers.ContainsKey(eventTopic);

    /// <summary>
    /// Raises <paramref name="eventTopic"/> on this agent the way the transport runtime does: sets
    /// <see cref="EventTopic"/> and <see cref="MailItem"/>, calls the subscribed handler on the calling thread and
    /// lets its exceptions through. Returns the <see cref="AgentAsyncContext"/> the handler took (the event is then
    /// asynchronous and finishes when the context completes), or <see langword="null"/> when it ran synchronously.
    /// </summary>
    /// <param name="eventTopic">The event topic, one of the <c>RoutingAgent.*EventTopic</c> constants.</param>
    /// <param name="source">The event source passed to the handler.</param>
    /// <param name="e">The event arguments passed to the handler.</param>
    /// <param name="createAsyncContext">Creates the context handed out if the handler calls <see cref="GetAgentAsyncContext"/>.</param>
    /// <exception cref="InvalidOperationException">No handler is subscribed for <paramref name="eventTopic"/>.</exception>
    internal AgentAsyncContext Invoke(string eventTopic, object source, EventArgs e, Func<AgentAsyncContext> createAsyncContext)
    {
        if (!_handlers.TryGetValue(eventTopic, out Delegate handler))
        {
            throw new InvalidOperationException($"The agent has no handler for event '{eventTopic}'.");
        }

        EventTopic = eventTopic;
        MailItem = (e as Routing.QueuedMessageEventArgs)?.MailItem;
        _createAsyncContext = createAsyncContext ?? throw new ArgumentNullException(nameof(createAsyncContext));
        _asyncContext = null;
        try
        {
            InvokeHandler(eventTopic, handler, source, e);
            return _asyncContext;
        }
        finally
        {
            _createAsyncContext = null;
        }
    }

    /// <summary>Calls <paramref name="handler"/> with its typed arguments.</summary>
    internal abstract void InvokeHandler(string eventTopic, Delegate handler, object source, EventArgs e);

    /// <summary>Adds a handler to the table; a second subscription to the same topic throws.</summary>
    internal void AddHandler(string eventTopic, Delegate handler)
    {
        if (handler is null)
        {
            return;
        }

        if (_handlers.ContainsKey(eventTopic))
        {
            throw new InvalidOperationException($"The agent attempted to subscribe to the same event '{eventTopic}' more than once.");
        }

        _handlers.Add(eventTopic, handler);
    }

    /// <summary>Drops the handler of <paramref name="eventTopic"/>.</summary>
    internal void RemoveHandler(string eventTopic) => _handlers.Remove(eventTopic);
}
