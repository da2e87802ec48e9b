using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Reload;

namespace ExchangeRules.Processing;

/// <summary>The rules in force as the engine's file watcher swaps them.</summary>
internal sealed class WatchedRuleSource : IRuleSource
{
    private readonly RulePlanWatcher _watcher;

    public WatchedRuleSource(RulePlanWatcher watcher)
    {
        _watcher = watcher;
    }

    public IRulePlan? Current => _watcher.Current;

    public void Dispose() => _watcher.Dispose();
}
