using System;
using System.Threading;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// The context of an event an agent handles asynchronously; obtained only from <c>Agent.GetAgentAsyncContext</c>.
/// The host observes <see cref="Resume"/> and <see cref="Complete"/> through the callbacks it passes in.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa493988(v=exchg.150).
/// </summary>
public class AgentAsyncContext
{
    private readonly Action<AgentAsyncContext> _onResume;
    private readonly Action<AgentAsyncContext> _onComplete;
    private int _completed;

    /// <summary>Creates a context whose <see cref="Resume"/> and <see cref="Complete"/> call back into the host.</summary>
    /// <param name="onResume">Called on the thread that calls <see cref="Resume"/>.</param>
    /// <param name="onComplete">Called once, on the thread that calls <see cref="Complete"/>.</param>
    internal AgentAsyncContext(Action<AgentAsyncContext> onResume, Action<AgentAsyncContext> onComplete)
    {
        _onResume = onResume ?? throw new ArgumentNullException(nameof(onResume));
        _onComplete = onComplete ?? throw new ArgumentNullException(nameof(onComplete));
    }

    /// <summary>The exception the asynchronous handler failed with; set it before calling <see cref="Complete"/>.</summary>
    public Exception AsyncException { get; set; }

    /// <summary>Whether <see cref="Complete"/> has been called.</summary>
    internal bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>
    /// Prepares the current (worker) thread for use by the agent; call it on the worker thread before touching
    /// the mail item. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/dd877389(v=exchg.150).
    /// </summary>
    public virtual void Resume() => _onResume(this);

    /// <summary>
    /// Ends the asynchronous event; must be the last call of the handler and be made exactly once.
    /// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa566934(v=exchg.150).
    /// </summary>
    /// <exception cref="InvalidOperationException">Called a second time.</exception>
    public virtual void Complete()
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            throw new InvalidOperationException("Complete was already called for this event.");
        }

        _onComplete(this);
    }
}
