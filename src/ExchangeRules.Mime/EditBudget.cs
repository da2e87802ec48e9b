using System;
using System.Diagnostics;
using System.Threading;

namespace ExchangeRules.Mime;

/// <summary>
/// The time an edit may take, checked cheaply inside long loops (marker search, part walks, text walks) as well as
/// between steps, so that a hostile part cannot keep the editor busy far beyond <see cref="MessageEditorOptions.TimeBudget"/>.
/// </summary>
internal sealed class EditBudget
{
    // Reading the clock costs tens of nanoseconds; loops tick per node, so the clock is read every few hundred ticks.
    private const int _ticksPerCheck = 256;

    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly TimeSpan _limit;
    private readonly Func<bool>? _expired;
    private readonly CancellationToken _cancellation;
    private int _ticks;

    public EditBudget(TimeSpan limit)
        : this(limit, CancellationToken.None)
    {
    }

    /// <summary>A budget that also expires when the host cancels (the processor's budget for the whole message).</summary>
    public EditBudget(TimeSpan limit, CancellationToken cancellation)
    {
        _limit = limit;
        _cancellation = cancellation;
    }

    /// <summary>A budget that expires when <paramref name="expired"/> says so (deterministic tests of the loop checks).</summary>
    internal EditBudget(Func<bool> expired)
    {
        _limit = TimeSpan.MaxValue;
        _expired = expired;
    }

    /// <summary>A budget that never expires (helpers used outside an edit).</summary>
    public static EditBudget Unlimited => new(TimeSpan.MaxValue);

    public TimeSpan Limit => _limit;

    public bool IsExceeded => _expired is not null ? _expired() : _cancellation.IsCancellationRequested || _stopwatch.Elapsed > _limit;

    /// <summary>Throws when the budget is spent.</summary>
    /// <exception cref="EditBudgetExceededException">The budget is spent.</exception>
    public void Check()
    {
        _ticks = 0;
        if (IsExceeded)
        {
            throw new EditBudgetExceededException();
        }
    }

    /// <summary>One step of a loop: checks the clock every few hundred steps.</summary>
    /// <exception cref="EditBudgetExceededException">The budget is spent.</exception>
    public void Tick()
    {
        if (++_ticks >= _ticksPerCheck)
        {
            Check();
        }
    }
}

/// <summary>The edit ran out of its time budget inside a loop; the message must pass unchanged.</summary>
internal sealed class EditBudgetExceededException : Exception
{
    public EditBudgetExceededException()
        : base("the time budget per message was exceeded")
    {
    }
}
