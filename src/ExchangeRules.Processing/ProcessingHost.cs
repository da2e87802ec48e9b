using System;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Transport;
using Serilog;
using Serilog.Core;

namespace ExchangeRules.Processing;

/// <summary>
/// The composition root the agent's factory calls: reads the configuration file beside the agent, sets up
/// logging, loads the rules with hot reload and the directory, and processes messages. Starting never throws:
/// a missing or invalid configuration, an unreachable directory or a broken rules file leaves a host that
/// passes every message unchanged where it must, and the log says why.
/// </summary>
/// <threadsafety>Process is safe to call from many threads at once.</threadsafety>
public sealed class ProcessingHost : IMessageProcessor, IMessageBufferSettings, IAgentLogging, IOrganizationKeySource, IRecipientChangeProbe, IDisposable
{
    private readonly IMessageProcessor? _processor;
    private readonly IRuleSource? _rules;
    private readonly IDirectory? _directory;
    private readonly Logger? _logger;
    private int _disposed;

    private ProcessingHost(IMessageProcessor? processor, IRuleSource? rules, IDirectory? directory, Logger? logger, AgentConfiguration configuration)
    {
        _processor = processor;
        _rules = rules;
        _directory = directory;
        _logger = logger;
        Configuration = configuration;
    }

    internal AgentConfiguration Configuration { get; }

    /// <inheritdoc />
    public ILogger Logger => (ILogger?)_logger ?? Serilog.Core.Logger.None;

    /// <inheritdoc />
    public ITransportDiagnostics Diagnostics { get; private set; } = TransportDiagnostics.Off;

    /// <inheritdoc />
    public long InMemoryLimitBytes => Configuration.Processing.InMemoryEditLimitBytes;

    /// <inheritdoc />
    public string? SpoolFolder => Configuration.Processing.SpoolFolder;

    internal bool HasRules => _rules?.Current is not null;

    /// <inheritdoc />
    public OrganizationKey? OrganizationKey => Configuration.OrganizationKey;

    /// <inheritdoc />
    public bool MayChangeRecipients => _processor is IRecipientChangeProbe probe ? probe.MayChangeRecipients : _processor is not null;

    /// <summary>
    /// Starts the processor for the agent installed in <paramref name="agentDirectory"/>: configuration
    /// (ExchangeRules.config.xml), logging, directory, rules with hot reload. Never throws.
    /// </summary>
    /// <param name="agentDirectory">The folder holding the agent DLL and its configuration file.</param>
    public static ProcessingHost Start(string agentDirectory) =>
        Start(agentDirectory, AgentComponents.Instance, LoggingSetup.PlatformEventLog());

    internal static ProcessingHost Start(string agentDirectory, IAgentComponents components, IEventLogWriter? eventLog)
    {
        Logger? logger = null;
        try
        {
            var folder = string.IsNullOrWhiteSpace(agentDirectory) ? AppContext.BaseDirectory : agentDirectory;
            var loaded = LoadConfiguration(folder);
            var configuration = loaded.Configuration;
            logger = LoggingSetup.Create(configuration.Logging, eventLog, out var loggingProblems);
            foreach (var problem in loggingProblems)
            {
                logger.ForEvent(LogEventId.StartupFailure).Warning("{Problem}", problem);
            }

            ReportConfiguration(logger, loaded);
            if (loaded.IsValid && configuration.OrganizationKey is null)
            {
                logger.ForEvent(LogEventId.OrganizationKeyMissing).Warning(
                    "No organisation key is configured ({ConfigurationPath}, <organizationKey>): the processed marker X-ExchangeRules-Processed and the stamp record X-ExchangeRules-Stamped are unsigned, so any user inside the organisation can add them to skip every rule (or one rule's stamp). Configure the same key on every server (docs/configuration.md)", loaded.Path);
            }
            var options = configuration.Processing;
            var directory = configuration.Directory is null ? null : Try(logger, LogEventId.DirectoryUnavailable, "the directory", () => components.CreateDirectory(configuration.Directory, logger));
            var editor = Try(logger, LogEventId.StartupFailure, "the message editor", () => components.CreateEditor(options));
            IRuleSource? rules = null;
            if (configuration.Rules is null)
            {
                logger.ForEvent(LogEventId.NoRules).Warning("No rules file is configured ({ConfigurationPath}); every message passes unchanged", loaded.Path);
            }
            else
            {
                rules = Try(logger, LogEventId.StartupFailure, "the rules", () => components.CreateRuleSource(configuration.Rules, options, configuration.Directory?.CustomFields ?? Array.Empty<CustomDirectoryField>(), logger));
            }

            var processor = editor is null ? null : new MessageProcessor(() => rules?.Current, editor, directory, options, logger);
            logger.ForEvent(LogEventId.AgentStarted).Information(
                "ExchangeRules started: configuration {ConfigurationPath} ({ConfigurationState}), rules {RulesPath} ({RulesState}), directory {Directory}, logs {LogFolder}, transport diagnostics {Diagnostics}",
                loaded.Path,
                !loaded.Found ? "missing, defaults used" : loaded.IsValid ? "valid" : "invalid, no rules",
                configuration.Rules?.Path ?? "(none)",
                rules?.Current is null ? "no rules in force" : "in force",
                DescribeDirectory(configuration.Directory, directory),
                configuration.Logging.Folder,
                configuration.Diagnostics.TransportEvents ? "on" : "off");
            return new ProcessingHost(processor, rules, directory, logger, configuration)
            {
                Diagnostics = configuration.Diagnostics.TransportEvents ? TransportDiagnostics.WrittenTo(logger) : TransportDiagnostics.Off,
            };
        }
#pragma warning disable CA1031 // Exchange must never see an exception from the factory: pass mail unchanged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger?.Safely(log => log.ForEvent(LogEventId.StartupFailure).Error(exception, "ExchangeRules could not start; every message passes unchanged"));
            return new ProcessingHost(null, null, null, logger, new AgentConfiguration());
        }
    }

    /// <inheritdoc />
    public ProcessingResult Process(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken)
    {
        if (_processor is null)
        {
            return new ProcessingResult { Outcome = ProcessingOutcome.Unchanged, Reason = "ExchangeRules did not start; see its log" };
        }

        return _processor.Process(envelope, organization, mime, cancellationToken);
    }

    /// <inheritdoc />
    public ProcessingResult ProcessRecipientChanges(MessageEnvelope envelope, IOrganization organization, Stream mime, CancellationToken cancellationToken) => _processor switch
    {
        null => new ProcessingResult { Outcome = ProcessingOutcome.Unchanged, Reason = "ExchangeRules did not start; see its log" },
        IRecipientChangeProbe probe => probe.ProcessRecipientChanges(envelope, organization, mime, cancellationToken),
        _ => _processor.Process(envelope, organization, mime, cancellationToken), // the handler uses only its recipient changes
    };

    /// <summary>Stops hot reload, releases the directory and flushes the log.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Release(_rules);
        Release(_directory as IDisposable);
        _logger?.Safely(log => log.Information("ExchangeRules stopped"));
        _logger?.Dispose();
    }

    private static ConfigurationLoadResult LoadConfiguration(string folder)
    {
        var path = Path.Combine(folder, AgentConfiguration.FileName);
        try
        {
            return AgentConfigurationLoader.Load(path, folder);
        }
#pragma warning disable CA1031 // Whatever went wrong, the agent runs on defaults and says why.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new ConfigurationLoadResult(path, found: true, AgentConfiguration.Defaults(folder), new[] { new RuleError(path, 0, 0, exception.Message) });
        }
    }

    private static void ReportConfiguration(ILogger logger, ConfigurationLoadResult loaded)
    {
        if (!loaded.Found)
        {
            logger.ForEvent(LogEventId.ConfigurationMissing).Warning(
                "The configuration file {ConfigurationPath} does not exist; running with defaults and no rules", loaded.Path);
        }
        else if (!loaded.IsValid)
        {
            logger.ForEvent(LogEventId.ConfigurationInvalid).Error(
                "The configuration file {ConfigurationPath} is invalid; running with no rules until it is fixed and the service restarts:{NewLine}{Errors}",
                loaded.Path,
                Environment.NewLine,
                string.Join(Environment.NewLine, loaded.Errors.Select(error => error.ToString())));
        }
    }

    private static T? Try<T>(ILogger logger, LogEventId eventId, string what, Func<T> create)
        where T : class
    {
        try
        {
            return create();
        }
#pragma warning disable CA1031 // A part that cannot start is left out; the agent keeps mail flowing.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            logger.ForEvent(eventId).Error(exception, "ExchangeRules could not set up {Component}; running without it", what);
            return null;
        }
    }

    private static string DescribeDirectory(DirectorySettings? settings, IDirectory? directory)
    {
        if (settings is null)
        {
            return "(none)";
        }

        var source = settings.LdifPath ?? settings.LdapUrl?.ToString() ?? "global catalog (discovered)";
        if (settings.CustomFields.Count > 0)
        {
            source += " with custom fields " + string.Join(", ", settings.CustomFields);
        }

        return directory is null ? source + " (unavailable)" : source;
    }

    private static void Release(IDisposable? disposable)
    {
        try
        {
            disposable?.Dispose();
        }
#pragma warning disable CA1031 // Shutdown must finish even when one part fails to let go.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Nothing useful to do at shutdown.
        }
    }
}
