using System;
using Microsoft.Exchange.Data.Transport;

namespace ExchangeRules.Agent;

/// <summary><see cref="IAsyncCompletion"/> over Exchange's <see cref="AgentAsyncContext"/>.</summary>
internal sealed class AgentAsyncCompletion : IAsyncCompletion
{
    private readonly AgentAsyncContext _context;

    internal AgentAsyncCompletion(AgentAsyncContext context)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
    }

    public void Resume() => _context.Resume();

    public void Complete() => _context.Complete();
}
