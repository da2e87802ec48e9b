using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Directory;
using ExchangeRules.Directory.Caching;
using ExchangeRules.Directory.Ldap;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Engine.Reload;
using ExchangeRules.Mime;
using ExchangeRules.Processing.Configuration;
using ExchangeRules.Processing.Logging;
using Serilog;

namespace ExchangeRules.Processing;

/// <summary>
/// The production parts: the MimeKit editor, the LDAP (cached) or LDIF directory, and the rules file watched
/// for hot reload with Fluid templates.
/// </summary>
internal sealed class AgentComponents : IAgentComponents
{
    public static AgentComponents Instance { get; } = new();

    public IMessageEditor CreateEditor(ProcessingOptions options) => MessageProcessorFactory.CreateEditor(options);

    public IDirectory CreateDirectory(DirectorySettings settings, ILogger logger)
    {
        if (settings.LdifPath is not null)
        {
            return LdifDirectory.Load(settings.LdifPath);
        }

        var ldapOptions = settings.LdapUrl is null
            ? new LdapDirectoryOptions()
            : LdapDirectoryOptions.FromUrl(settings.LdapUrl.ToString(), BindMode(settings.Authentication), settings.UserName, settings.Password);
        ldapOptions = ldapOptions.WithAdditionalAttributes(settings.CustomFields.Select(field => field.LdapName));
        return new CachingDirectory(new LdapDirectory(ldapOptions), new DirectoryCacheOptions
        {
            TimeToLive = settings.CacheDuration,
            RefreshAfter = TimeSpan.FromTicks(settings.CacheDuration.Ticks * 3 / 4),
            LookupBudget = settings.LookupTimeout,
            MaxEntries = settings.MaxCacheEntries,
            Diagnostic = diagnostic => LogDirectoryDiagnostic(logger, diagnostic),
        });
    }

    public IRuleSource CreateRuleSource(RulesSettings settings, ProcessingOptions options, IReadOnlyList<CustomDirectoryField> customFields, ILogger logger)
    {
        var watcher = new RulePlanWatcher(settings.Path, AgentTemplates.CreateCompiler(customFields), new RulePlanWatcherOptions
        {
            CacheDirectory = string.IsNullOrEmpty(settings.LastGoodFolder) ? null : settings.LastGoodFolder,
            Debounce = settings.ReloadDelay,
            Load = new RuleLoadOptions { MaxRegexTimeoutMilliseconds = (int)Math.Max(1, options.RegexTimeout.TotalMilliseconds) },
        });
        watcher.PlanChanged += (_, e) => logger.ForEvent(LogEventId.RulesLoaded).Information(
            "Rules loaded from {RulesPath}: {RuleCount} rules{FromCache}", e.SourcePath, e.RuleCount, e.FromCache ? " (last good copy)" : string.Empty);
        watcher.LoadFailed += (_, e) => logger.ForEvent(LogEventId.RulesRejected).Error(
            "Rules file {RulesPath} rejected ({Outcome}): {Errors}",
            e.SourcePath,
            e.KeptPreviousPlan ? "the previous rules stay in force" : "no rules in force",
            string.Join(Environment.NewLine, e.Errors));
        watcher.CacheFailed += (_, e) => logger.ForEvent(LogEventId.RulesRejected).Warning(
            e.GetException(), "The last good copy of the rules could not be written");
        watcher.Start();
        return new WatchedRuleSource(watcher);
    }

    private static LdapBindMode BindMode(LdapAuthentication authentication) => authentication switch
    {
        LdapAuthentication.Simple => LdapBindMode.Simple,
        LdapAuthentication.Anonymous => LdapBindMode.Anonymous,
        _ => LdapBindMode.Negotiate,
    };

    private static void LogDirectoryDiagnostic(ILogger logger, DirectoryDiagnostic diagnostic)
    {
        var log = logger.ForEvent(LogEventId.DirectoryUnavailable);
        switch (diagnostic.Kind)
        {
            case DirectoryDiagnosticKind.Unavailable:
                log.Error(diagnostic.Exception, "Directory unavailable ({Key}): {Detail}", diagnostic.Key, diagnostic.Message);
                break;
            case DirectoryDiagnosticKind.Recovered:
                log.Information("Directory recovered: {Detail}", diagnostic.Message);
                break;
            default:
                log.Warning(diagnostic.Exception, "Directory {Kind} ({Key}): {Detail}", diagnostic.Kind, diagnostic.Key, diagnostic.Message);
                break;
        }
    }
}
