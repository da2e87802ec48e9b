using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Templates;

namespace ExchangeRules.Engine.Reload;

/// <summary>
/// Keeps the plan of a rules file (local path or UNC share) current: watches the rules folder
/// (<see cref="FileSystemWatcher"/> plus polling for shares that do not notify), debounces, validates and swaps
/// the plan atomically. An invalid or missing file never replaces the plan in force; the last good rules folder
/// is cached locally so a share outage at start-up still runs the last good rules.
/// </summary>
/// <threadsafety static="true" instance="true" />
public sealed class RulePlanWatcher : IDisposable
{
    private readonly string _rulesPath;
    private readonly ITemplateCompiler _compiler;
    private readonly RulePlanWatcherOptions _options;
    private readonly RuleFolderCache? _cache;
    private readonly object _reloadGate = new();
    private IRulePlan _current = RulePlan.Empty;
    private bool _hasPlan;
    private string? _lastFingerprint;
    private IReadOnlyList<string> _watchedFiles = Array.Empty<string>();
    private string? _lastFailure;
    private FileSystemWatcher? _watcher;
    private Timer? _debounceTimer;
    private Timer? _pollTimer;
    private bool _disposed;

    /// <summary>Creates a watcher; nothing is loaded until <see cref="Start"/>.</summary>
    /// <param name="rulesPath">The rules file.</param>
    /// <param name="templateCompiler">Compiles the templates at each load.</param>
    /// <param name="options">Debounce, polling, cache folder and load limits.</param>
    public RulePlanWatcher(string rulesPath, ITemplateCompiler templateCompiler, RulePlanWatcherOptions? options = null)
    {
        _rulesPath = Path.GetFullPath(rulesPath ?? throw new ArgumentNullException(nameof(rulesPath)));
        _compiler = templateCompiler ?? throw new ArgumentNullException(nameof(templateCompiler));
        _options = options ?? new RulePlanWatcherOptions();
        _cache = _options.CacheDirectory is null ? null : new RuleFolderCache(_options.CacheDirectory);
    }

    /// <summary>A new plan is in force (raised on the thread that loaded it).</summary>
    public event EventHandler<RulePlanChangedEventArgs>? PlanChanged;

    /// <summary>A rules file could not be loaded; the plan in force is unchanged. Log every error with its location.</summary>
    public event EventHandler<RuleLoadFailedEventArgs>? LoadFailed;

    /// <summary>The last good rules could not be written to the cache folder (the plan itself is fine).</summary>
    public event EventHandler<ErrorEventArgs>? CacheFailed;

    /// <summary>The plan in force: the last good rules, or an empty plan (no rule applies) when none ever loaded.</summary>
    public IRulePlan Current => Volatile.Read(ref _current);

    /// <summary>
    /// Loads the rules (falling back to the cached last good rules) and starts watching. Never throws for a
    /// missing or invalid file: failures are raised as <see cref="LoadFailed"/>. Subscribe before calling.
    /// </summary>
    public void Start()
    {
        ThrowIfDisposed();
        if (!ReloadNow() && !_hasPlan)
        {
            LoadFromCache();
        }

        StartWatching();
        _pollTimer = new Timer(_ => SafeReload(), null, _options.PollInterval, _options.PollInterval);
    }

    /// <summary>
    /// Checks the rules file and the files it references now and reloads when they changed.
    /// Returns whether a new plan was put in force.
    /// </summary>
    public bool ReloadNow()
    {
        lock (_reloadGate)
        {
            if (_disposed)
            {
                return false;
            }

            var fingerprint = Fingerprint();
            if (fingerprint == _lastFingerprint)
            {
                return false;
            }

            var result = RuleSetLoader.LoadCore(_rulesPath, _compiler, _options.Load);
            _watchedFiles = result.WatchedFiles;
            if (result.Plan is null)
            {
                // Not remembered as seen: a failed set is tried again at every change notification and poll until
                // it loads, so a rules file copied before its templates takes effect when they arrive, and a
                // change made between this load and the next fingerprint is never missed. The same errors are
                // reported once.
                _lastFingerprint = null;
                ReportFailure(_rulesPath, result.Errors);
                return false;
            }

            _lastFingerprint = Fingerprint();
            _lastFailure = null;
            Swap(result.Plan, _rulesPath, fromCache: false);
            StoreInCache(result.ReferencedFiles);
            return true;
        }
    }

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        lock (_reloadGate)
        {
            _disposed = true;
        }

        _watcher?.Dispose();
        _debounceTimer?.Dispose();
        _pollTimer?.Dispose();
    }

    private void LoadFromCache()
    {
        if (_cache is null)
        {
            return;
        }

        var cached = _cache.CachedRulesPath(Path.GetFileName(_rulesPath));
        if (!File.Exists(cached))
        {
            return;
        }

        var result = RuleSetLoader.LoadCore(cached, _compiler, _options.Load);
        if (result.Plan is null)
        {
            Raise(LoadFailed, new RuleLoadFailedEventArgs(cached, result.Errors, false));
            return;
        }

        lock (_reloadGate)
        {
            if (!_hasPlan)
            {
                Swap(result.Plan, cached, fromCache: true);
            }
        }
    }

    private void Swap(RulePlan plan, string source, bool fromCache)
    {
        Volatile.Write(ref _current, plan);
        _hasPlan = true;
        Raise(PlanChanged, new RulePlanChangedEventArgs(plan, source, plan.Rules.Count, fromCache));
    }

    private void StoreInCache(IReadOnlyList<string> referencedFiles)
    {
        if (_cache is null)
        {
            return;
        }

        try
        {
            _cache.Store(_rulesPath, referencedFiles);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Raise(CacheFailed, new ErrorEventArgs(exception));
        }
    }

    private void StartWatching()
    {
        _debounceTimer = new Timer(_ => SafeReload(), null, Timeout.Infinite, Timeout.Infinite);
        try
        {
            var folder = Path.GetDirectoryName(_rulesPath)!;
            var watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // The folder is unreachable (share down) or cannot be watched: polling still picks up changes.
            _watcher = null;
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        try
        {
            _debounceTimer?.Change(_options.Debounce, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed while an event was in flight.
        }
    }

    /// <summary>The timers' callback: runs on a thread-pool thread, where an escaping exception ends the process.</summary>
    private void SafeReload()
    {
        try
        {
            ReloadNow();
        }
#pragma warning disable CA1031 // Whatever the cause (share, path, compiler), the rules in force stay and the error is reported.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            try
            {
                lock (_reloadGate)
                {
                    _lastFingerprint = null;
                    ReportFailure(_rulesPath, new[] { new RuleError(_rulesPath, 0, 0, "the rules could not be reloaded: " + exception.GetType().Name + ": " + exception.Message) });
                }
            }
#pragma warning disable CA1031 // Reporting itself must not throw on a timer thread either.
            catch (Exception)
#pragma warning restore CA1031
            {
                // Nothing left to tell; the next poll tries again.
            }
        }
    }

    /// <summary>Raises <see cref="LoadFailed"/> unless the same errors were the last ones reported.</summary>
    private void ReportFailure(string source, IReadOnlyList<RuleError> errors)
    {
        var text = string.Join("\n", errors);
        if (text == _lastFailure)
        {
            return;
        }

        _lastFailure = text;
        Raise(LoadFailed, new RuleLoadFailedEventArgs(source, errors, _hasPlan));
    }

    /// <summary>Sizes and write times of the rules file and every file it named at the last load (missing ones included).</summary>
    private string Fingerprint()
    {
        var builder = new StringBuilder();
        Append(builder, _rulesPath);
        var folder = Path.GetDirectoryName(_rulesPath)!;
        foreach (var relative in _watchedFiles)
        {
            Append(builder, Path.Combine(folder, relative));
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string path)
    {
        try
        {
            var info = new FileInfo(path);
            builder.Append(path).Append('|');
            if (info.Exists)
            {
                builder.Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append('|').Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("missing");
            }

            builder.Append(';');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            builder.Append(path).Append("|unreadable;");
        }
    }

    private void Raise<T>(EventHandler<T>? handler, T args)
        where T : EventArgs
    {
        if (handler is null)
        {
            return;
        }

        foreach (EventHandler<T> subscriber in handler.GetInvocationList())
        {
            try
            {
                subscriber(this, args);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A failing subscriber (for example a logger) must never stop the reload loop.
                _ = exception;
            }
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(RulePlanWatcher));
        }
    }
}
