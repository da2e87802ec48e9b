using System;
using System.Collections.Concurrent;
using System.IO;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Reload;
using ExchangeRules.Engine.Templates;
using ExchangeRules.Engine.Tests.Loading;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Reload;

/// <summary>
/// Hot reload against what goes wrong on a real share: a rules file copied before its templates, a compiler that
/// throws, a file name .NET Framework rejects. Reloads here run on the watcher's own timer threads, where an escaping
/// exception would end the test process (and EdgeTransport.exe on a server).
/// </summary>
public sealed class RulePlanWatcherResilienceTests : IDisposable
{
    private static readonly TimeSpan _waitLimit = TimeSpan.FromSeconds(20);
    private readonly RuleFolder _folder = new();
    private readonly BlockingCollection<EventArgs> _events = new();
    private readonly ThrowingCompiler _compiler = new();

    public void Dispose()
    {
        _folder.Dispose();
        _events.Dispose();
    }

    private static string OneRule(string name) =>
        RuleFolder.Document($"<rule name=\"{name}\"><actions><setHeader name=\"X-{name}\">1</setHeader></actions></rule>");

    private RulePlanWatcher CreateTarget(TimeSpan poll)
    {
        var watcher = new RulePlanWatcher(_folder.RulesPath, _compiler, new RulePlanWatcherOptions
        {
            Debounce = TimeSpan.FromMilliseconds(100),
            PollInterval = poll,
        });
        watcher.PlanChanged += (_, e) => _events.Add(e);
        watcher.LoadFailed += (_, e) => _events.Add(e);
        return watcher;
    }

    private T Next<T>()
        where T : EventArgs
    {
        Assert.True(_events.TryTake(out var next, _waitLimit), "no reload event arrived");
        return Assert.IsType<T>(next);
    }

    private static string RuleName(RulePlanWatcher watcher) => Assert.Single(((RulePlan)watcher.Current).Rules).Name;

    [Fact]
    public void Reload_NewRulesFileWhoseTemplateArrivesLater_TakesEffectWhenTheTemplateArrives()
    {
        _folder.WriteRules(OneRule("Old"));
        using var target = CreateTarget(poll: TimeSpan.FromMilliseconds(500));
        target.Start();
        Next<RulePlanChangedEventArgs>();

        _folder.WriteRules(FileReferenceTests.Rules("templates/late.html"));
        var failed = Next<RuleLoadFailedEventArgs>();
        Assert.Contains("'templates/late.html' was not found", Assert.Single(failed.Errors).Message, StringComparison.Ordinal);
        Assert.Equal("Old", RuleName(target));

        _folder.WriteFile("templates/late.html", "<p>late</p>");

        Next<RulePlanChangedEventArgs>();
        Assert.Equal("A", RuleName(target));
    }

    [Fact]
    public void ReloadNow_SetWithAMissingFile_IsRetriedUntilTheFileArrivesAndReportedOnce()
    {
        _folder.WriteRules(FileReferenceTests.Rules("late.html"));
        using var target = CreateTarget(poll: TimeSpan.FromMinutes(10));

        Assert.False(target.ReloadNow());
        Assert.False(target.ReloadNow());
        Assert.IsType<RuleLoadFailedEventArgs>(Assert.Single(_events.ToArray()));

        _folder.WriteFile("late.html", "<p>late</p>");

        Assert.True(target.ReloadNow());
        Assert.Equal("A", RuleName(target));
    }

    [Fact]
    public void Reload_TemplateCompilerThrowsOnTheTimerThread_IsReportedAndTheRulesInForceStay()
    {
        _folder.WriteRules(OneRule("Old"));
        using var target = CreateTarget(poll: TimeSpan.FromMilliseconds(500));
        target.Start();
        Next<RulePlanChangedEventArgs>();

        _compiler.Failure = new InvalidOperationException("compiler fault injected by the test");
        _folder.WriteRules(OneRule("New"));

        var failed = Next<RuleLoadFailedEventArgs>();
        Assert.Contains("compiler fault injected by the test", Assert.Single(failed.Errors).Message, StringComparison.Ordinal);
        Assert.True(failed.KeptPreviousPlan);
        Assert.Equal("Old", RuleName(target));

        _compiler.Failure = null;
        Next<RulePlanChangedEventArgs>();
        Assert.Equal("New", RuleName(target));
    }

    [Theory]
    [InlineData("sig|v2.html")]
    [InlineData("<sig>.html")]
    [InlineData("\"sig\".html")]
    [InlineData("templates:sig.html")]
    public void Reload_FileNameDotNetFrameworkRejects_IsReportedWithItsLocationAndTheRulesInForceStay(string reference)
    {
        _folder.WriteRules(OneRule("Old"));
        using var target = CreateTarget(poll: TimeSpan.FromMilliseconds(500));
        target.Start();
        Next<RulePlanChangedEventArgs>();

        _folder.WriteRules(FileReferenceTests.Rules(reference));

        var error = Assert.Single(Next<RuleLoadFailedEventArgs>().Errors);
        Assert.Contains("is not a valid file name on Windows", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0, error.ToString());
        Assert.Equal("Old", RuleName(target));
    }

    [Fact]
    public void Reload_SubscriberThrows_TheReloadGoesOn()
    {
        _folder.WriteRules(OneRule("Old"));
        using var target = CreateTarget(poll: TimeSpan.FromMilliseconds(500));
        target.PlanChanged += (_, _) => throw new InvalidOperationException("logger fault injected by the test");
        target.Start();
        Next<RulePlanChangedEventArgs>();

        _folder.WriteRules(OneRule("New"));

        Next<RulePlanChangedEventArgs>();
        Assert.Equal("New", RuleName(target));
    }

    /// <summary>Compiles like the fake compiler, or throws the injected failure.</summary>
    private sealed class ThrowingCompiler : ITemplateCompiler
    {
        private readonly FakeTemplateCompiler _inner = new();

        public volatile Exception? Failure;

        public ICompiledTemplate Compile(string source, TemplateFormat format, string sourceName) =>
            Failure is { } failure ? throw failure : _inner.Compile(source, format, sourceName);
    }
}
