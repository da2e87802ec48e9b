namespace ExchangeRules.Agent;

/// <summary>
/// The two calls Exchange requires of an agent that handles an event asynchronously. Behind this interface so
/// unit tests pin their order: <see cref="Resume"/> on the worker thread before the mail item is touched, and
/// <see cref="Complete"/> exactly once, last, whatever happened.
/// </summary>
internal interface IAsyncCompletion
{
    /// <summary>Prepares the current worker thread for the agent (<c>AgentAsyncContext.Resume</c>).</summary>
    void Resume();

    /// <summary>Ends the event (<c>AgentAsyncContext.Complete</c>).</summary>
    void Complete();
}
