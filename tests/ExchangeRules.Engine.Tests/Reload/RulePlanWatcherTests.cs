using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Reload;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Reload;

/// <summary>Hot reload with real files: valid change, invalid change, deleted file, start-up from the cache.</summary>
public sealed class RulePlanWatcherTests : IDisposable
{
    private static readonly TimeSpan _waitLimit = TimeSpan.FromSeconds(20);
    private readonly RuleFolder _folder = new();
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "exrules-tests", "cache-" + Guid.NewGuid().ToString("N"));
    private readonly BlockingCollection<EventArgs> _events = new();

    public void Dispose()
    {
        _folder.Dispose();
        if (System.IO.Directory.Exists(_cache))
        {
            System.IO.Directory.Delete(_cache, recursive: true);
        }

        _events.Dispose();
    }

    private static string Rules(params string[] names) =>
        RuleFolder.Document(string.Concat(Array.ConvertAll(names, name => $"<rule name=\"{name}\"><actions><setHeader name=\"X-{name}\">1</setHeader></actions></rule>")));

    private RulePlanWatcher CreateTarget(TimeSpan? poll = null)
    {
        var watcher = new RulePlanWatcher(_folder.RulesPath, _folder.Compiler, new RulePlanWatcherOptions
        {
            CacheDirectory = _cache,
            Debounce = TimeSpan.FromMilliseconds(100),
            PollInterval = poll ?? TimeSpan.FromMinutes(10),
        });
        watcher.PlanChanged += (_, e) => _events.Add(e);
        watcher.LoadFailed += (_, e) => _events.Add(new LoadFailedOrThrow(e));
        return watcher;
    }

    private T Next<T>()
        where T : EventArgs
    {
        Assert.True(_events.TryTake(out var next, _waitLimit), "no reload event arrived");
        return Assert.IsType<T>(next);
    }

    private static int RuleCount(RulePlanWatcher watcher) => ((RulePlan)watcher.Current).Rules.Count;

    [Fact]
    public void Start_ValidFile_PutsItsPlanInForceAndCachesIt()
    {
        _folder.WriteRules(Rules("One"));
        using var target = CreateTarget();

        target.Start();

        var changed = Next<RulePlanChangedEventArgs>();
        Assert.False(changed.FromCache);
        Assert.Equal(1, changed.RuleCount);
        Assert.True(File.Exists(Path.Combine(_cache, "last-good", "rules.xml")));
    }

    [Fact]
    public void FileChange_Valid_IsPickedUpByTheWatcherAndSwapped()
    {
        _folder.WriteRules(Rules("One"));
        using var target = CreateTarget();
        target.Start();
        Next<RulePlanChangedEventArgs>();

        _folder.WriteRules(Rules("One", "Two"));

        Assert.Equal(2, Next<RulePlanChangedEventArgs>().RuleCount);
        Assert.Equal(2, RuleCount(target));
    }

    [Fact]
    public void FileChange_Invalid_KeepsTheRunningPlanAndReportsLocatedErrors()
    {
        _folder.WriteRules(Rules("One"));
        using var target = CreateTarget();
        target.Start();
        Next<RulePlanChangedEventArgs>();
        var running = target.Current;

        _folder.WriteRules(Rules("One", "One"));

        var failed = Next<LoadFailedOrThrow>();
        Assert.True(failed.Args.KeptPreviousPlan);
        var error = Assert.Single(failed.Args.Errors);
        Assert.StartsWith(_folder.RulesPath + ":", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("duplicate rule name 'One'", error.Message, StringComparison.Ordinal);
        Assert.Same(running, target.Current);
    }

    [Fact]
    public void FileDeleted_KeepsTheRunningPlan()
    {
        _folder.WriteRules(Rules("One"));
        using var target = CreateTarget();
        target.Start();
        Next<RulePlanChangedEventArgs>();
        var running = target.Current;

        File.Delete(_folder.RulesPath);

        var failed = Next<LoadFailedOrThrow>();
        Assert.Contains("cannot be read", Assert.Single(failed.Args.Errors).Message, StringComparison.Ordinal);
        Assert.Same(running, target.Current);
    }

    [Fact]
    public void TemplateFileChange_ReloadsTheRules()
    {
        _folder.WriteFile("sig.html", "<p>v1</p>").WriteFile("sig.txt", "v1")
            .WriteRules(RuleFolder.Document("<rule name=\"S\"><actions><addSignature template=\"file\"/></actions></rule>", "<template name=\"file\"><html file=\"sig.html\"/><text file=\"sig.txt\"/></template>"));
        using var target = CreateTarget();
        target.Start();
        Next<RulePlanChangedEventArgs>();
        var first = target.Current;

        _folder.WriteFile("sig.html", "<p>version 2</p>");

        Next<RulePlanChangedEventArgs>();
        Assert.NotSame(first, target.Current);
    }

    [Fact]
    public void Start_RulesUnreachable_RunsTheCachedLastGoodRules()
    {
        _folder.WriteFile("sig.html", "<p>x</p>").WriteFile("sig.txt", "x")
            .WriteRules(RuleFolder.Document("<rule name=\"S\"><actions><addSignature template=\"file\"/></actions></rule>", "<template name=\"file\"><html file=\"sig.html\"/><text file=\"sig.txt\"/></template>"));
        using (var first = CreateTarget())
        {
            first.Start();
            Next<RulePlanChangedEventArgs>();
        }

        File.Delete(_folder.RulesPath);
        File.Delete(Path.Combine(_folder.Directory, "sig.html"));
        using var target = CreateTarget();

        target.Start();

        Next<LoadFailedOrThrow>();
        var fromCache = Next<RulePlanChangedEventArgs>();
        Assert.True(fromCache.FromCache);
        Assert.Equal(1, RuleCount(target));
    }

    [Fact]
    public void Start_NothingLoadable_RunsNoRulesAndSaysSo()
    {
        using var target = CreateTarget();

        target.Start();

        var failed = Next<LoadFailedOrThrow>();
        Assert.False(failed.Args.KeptPreviousPlan);
        Assert.Equal(0, RuleCount(target));
    }

    [Fact]
    public void Polling_PicksUpChangesWhenNoNotificationArrives()
    {
        _folder.WriteRules(Rules("One"));
        using var target = CreateTarget(poll: TimeSpan.FromMilliseconds(200));
        target.Start();
        Next<RulePlanChangedEventArgs>();

        _folder.WriteRules(Rules("One", "Two", "Three"));

        Assert.Equal(3, Next<RulePlanChangedEventArgs>().RuleCount);
    }

    [Fact]
    public void ReloadNow_Unchanged_DoesNotReload()
    {
        _folder.WriteRules(Rules("One"));
        using var target = CreateTarget();
        target.Start();

        Assert.False(target.ReloadNow());
    }

    /// <summary>Wraps <see cref="RuleLoadFailedEventArgs"/> (its constructor is internal to the engine).</summary>
    private sealed class LoadFailedOrThrow : EventArgs
    {
        public LoadFailedOrThrow(RuleLoadFailedEventArgs args)
        {
            Args = args;
        }

        public RuleLoadFailedEventArgs Args { get; }
    }
}
