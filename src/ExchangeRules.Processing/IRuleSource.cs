using System;
using ExchangeRules.Engine.Evaluation;

namespace ExchangeRules.Processing;

/// <summary>The rules in force: loaded at start, swapped atomically by hot reload.</summary>
internal interface IRuleSource : IDisposable
{
    /// <summary>The current plan, or <see langword="null"/> when no rules have loaded.</summary>
    IRulePlan? Current { get; }
}
