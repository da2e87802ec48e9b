using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Processing.Transport;
using Serilog.Events;

namespace ExchangeRules.Processing.Configuration;

/// <summary>
/// Loads and validates the agent configuration against its XSD, then checks what the schema cannot say.
/// Every error is reported at once as <c>path:line:column: message</c>; an invalid file yields the defaults
/// with no rules, so a bad configuration never stops Transport.
/// </summary>
internal static class AgentConfigurationLoader
{
    private static readonly Lazy<XmlSchemaSet> _schemas = new(LoadSchemas);
    private static readonly XNamespace _ns = AgentConfiguration.Namespace;

    /// <summary>The XSD, for tools and tests.</summary>
    public static Stream OpenXsd() =>
        typeof(AgentConfigurationLoader).Assembly.GetManifestResourceStream("ExchangeRules.Processing.Configuration.agent-config-v1.xsd")
        ?? throw new InvalidOperationException("The configuration schema is not embedded in the assembly.");

    /// <summary>Loads the configuration file; relative paths inside it are relative to <paramref name="baseDirectory"/>.</summary>
    public static ConfigurationLoadResult Load(string path, string baseDirectory)
    {
        if (!File.Exists(path))
        {
            return new ConfigurationLoadResult(path, found: false, AgentConfiguration.Defaults(baseDirectory), Array.Empty<RuleError>());
        }

        try
        {
            using var reader = new StreamReader(path);
            return Parse(reader, path, baseDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Invalid(path, baseDirectory, new[] { new RuleError(path, 0, 0, "The configuration file cannot be read: " + exception.Message) });
        }
    }

    /// <summary>Parses configuration text; <paramref name="path"/> names it in errors.</summary>
    public static ConfigurationLoadResult Parse(TextReader text, string path, string baseDirectory)
    {
        var errors = new List<RuleError>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = _schemas.Value,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
        };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) =>
            errors.Add(new RuleError(path, e.Exception.LineNumber, e.Exception.LinePosition, e.Message));

        XDocument document;
        try
        {
            using var reader = XmlReader.Create(text, settings, path);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException exception)
        {
            errors.Add(new RuleError(path, exception.LineNumber, exception.LinePosition, exception.Message));
            return Invalid(path, baseDirectory, errors);
        }

        if (errors.Count > 0)
        {
            return Invalid(path, baseDirectory, errors);
        }

        var configuration = new Reader(path, baseDirectory, errors).Read(document.Root!);
        return errors.Count > 0 ? Invalid(path, baseDirectory, errors) : new ConfigurationLoadResult(path, found: true, configuration, errors);
    }

    private static ConfigurationLoadResult Invalid(string path, string baseDirectory, IReadOnlyList<RuleError> errors) =>
        new(path, found: true, AgentConfiguration.Defaults(baseDirectory), errors);

    private static XmlSchemaSet LoadSchemas()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        using (var xsd = OpenXsd())
        using (var reader = XmlReader.Create(xsd, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            set.Add(AgentConfiguration.Namespace, reader);
        }

        set.Compile();
        return set;
    }

    /// <summary>Maps a schema-valid document to settings and checks what the schema cannot.</summary>
    private sealed class Reader
    {
        private readonly string _path;
        private readonly string _baseDirectory;
        private readonly List<RuleError> _errors;

        public Reader(string path, string baseDirectory, List<RuleError> errors)
        {
            _path = path;
            _baseDirectory = baseDirectory;
            _errors = errors;
        }

        public AgentConfiguration Read(XElement root)
        {
            var organizationKey = ReadOrganizationKey(root.Element(_ns + "organizationKey"));
            return new()
            {
                Rules = ReadRules(root.Element(_ns + "rules")),
                Directory = ReadDirectory(root.Element(_ns + "directory")),
                Logging = ReadLogging(root.Element(_ns + "logging")),
                Processing = ReadProcessing(root.Element(_ns + "limits"), root.Element(_ns + "failurePolicy"), organizationKey),
                Diagnostics = new DiagnosticsSettings { TransportEvents = (bool?)root.Element(_ns + "diagnostics")?.Attribute("transportEvents") ?? false },
                OrganizationKey = organizationKey,
            };
        }

        private OrganizationKey? ReadOrganizationKey(XElement? element)
        {
            if (element is null)
            {
                return null;
            }

            var key = ParseKey(element, "value");
            var previous = element.Attribute("previousValue") is null ? null : ParseKey(element, "previousValue");
            return key?.WithPrevious(previous);
        }

        private OrganizationKey? ParseKey(XElement element, string attribute)
        {
            try
            {
                return OrganizationKey.Parse(Text(element, attribute) ?? string.Empty);
            }
            catch (FormatException exception)
            {
                Error(element.Attribute(attribute) ?? (IXmlLineInfo)element, $"{attribute}: {exception.Message}");
                return null;
            }
        }

        private RulesSettings? ReadRules(XElement? element)
        {
            if (element is null)
            {
                return null;
            }

            return new RulesSettings
            {
                Path = FullPath(element, "path", string.Empty),
                LastGoodFolder = FullPath(element, "lastGoodFolder", "LastGood"),
                ReloadDelay = TimeSpan.FromSeconds(Int(element, "reloadDelaySeconds", 2)),
            };
        }

        private DirectorySettings? ReadDirectory(XElement? element)
        {
            if (element is null)
            {
                return null;
            }

            var ldap = element.Element(_ns + "ldap");
            var ldif = element.Element(_ns + "ldif");
            var authentication = Text(ldap, "authentication") switch
            {
                "simple" => LdapAuthentication.Simple,
                "anonymous" => LdapAuthentication.Anonymous,
                _ => LdapAuthentication.Negotiate,
            };
            var userName = Text(ldap, "userName");
            var password = Text(ldap, "password");
            if (ldap is not null && authentication == LdapAuthentication.Simple && (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password)))
            {
                Error(ldap, "authentication=\"simple\" needs both userName and password.");
            }

            if (ldap is not null && authentication == LdapAuthentication.Anonymous && !string.IsNullOrEmpty(userName + password))
            {
                Error(ldap, "authentication=\"anonymous\" takes no userName or password.");
            }

            var url = Text(ldap, "url");
            return new DirectorySettings
            {
                LdifPath = ldif is null ? null : FullPath(ldif, "path", string.Empty),
                LdapUrl = url is null ? null : new Uri(url, UriKind.Absolute),
                BaseDn = Text(ldap, "baseDn"),
                Authentication = authentication,
                UserName = userName,
                Password = password,
                CacheDuration = TimeSpan.FromSeconds(Int(element, "cacheSeconds", 900)),
                LookupTimeout = TimeSpan.FromMilliseconds(Int(element, "lookupTimeoutMilliseconds", 2000)),
                MaxCacheEntries = Int(element, "maxCacheEntries", 50000),
                CustomFields = CustomFieldDeclarations.Read(element.Elements(_ns + "attribute"), Error),
            };
        }

        private LoggingSettings ReadLogging(XElement? element)
        {
            if (element is null)
            {
                return AgentConfiguration.Defaults(_baseDirectory).Logging;
            }

            return new LoggingSettings
            {
                Folder = FullPath(element, "folder", "Logs"),
                Level = (LogEventLevel)Enum.Parse(typeof(LogEventLevel), Text(element, "level") ?? nameof(LogEventLevel.Information)),
                Format = Text(element, "format") == "json" ? LogFormat.Json : LogFormat.Text,
                FileSizeLimitBytes = Int(element, "fileSizeLimitMB", 100) * 1024L * 1024L,
                RetainedDays = Int(element, "retainedDays", 30),
                EventLog = (bool?)element.Attribute("eventLog") ?? true,
            };
        }

        private ProcessingOptions ReadProcessing(XElement? limits, XElement? failurePolicy, OrganizationKey? organizationKey) => new()
        {
            OrganizationKey = organizationKey,
            MaxMessageBytes = Int(limits, "maxMessageSizeMB", (int)(Mime.MessageLimits.MaxMessageBytes / (1024 * 1024))) * 1024L * 1024L,
            MaxParts = Int(limits, "maxParts", Mime.MessageLimits.MaxParts),
            MaxHeaderBytes = Int(limits, "maxHeaderKB", Mime.MessageLimits.MaxHeaderBytes / 1024) * 1024,
            TimeBudget = TimeSpan.FromMilliseconds(Int(limits, "timeBudgetMilliseconds", 10000)),
            RegexTimeout = TimeSpan.FromMilliseconds(Int(limits, "regexTimeoutMilliseconds", 100)),
            MaxMimeDepth = Int(limits, "maxMimeDepth", Mime.MessageLimits.MaxMimeDepth),
            InMemoryEditLimitBytes = Int(limits, "inMemoryEditLimitMB", 4) * 1024L * 1024L,
            SpoolFolder = limits?.Attribute("spoolFolder") is null ? null : FullPath(limits, "spoolFolder", string.Empty),
            DefaultFailurePolicy = Text(failurePolicy, "default") == "failClosed" ? FailurePolicy.FailClosed : FailurePolicy.FailOpen,
            DeferRetryInterval = TimeSpan.FromMinutes(Int(failurePolicy, "deferRetryMinutes", 5)),
            MaxDeferral = TimeSpan.FromHours(Int(failurePolicy, "maxDeferralHours", 24)),
            AfterMaxDeferral = Text(failurePolicy, "afterMaxDeferral") == "deliverWithHeader" ? FailClosedExpiry.DeliverWithHeader : FailClosedExpiry.Reject,
        };

        private string FullPath(XElement element, string attribute, string fallback)
        {
            var value = Text(element, attribute) ?? fallback;
            try
            {
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(_baseDirectory, Environment.ExpandEnvironmentVariables(value)));
            }
            catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
            {
                Error(element.Attribute(attribute) ?? (IXmlLineInfo)element, $"'{value}' is not a valid path: {exception.Message}");
                return value;
            }
        }

        private static string? Text(XElement? element, string attribute) => element?.Attribute(attribute)?.Value.Trim();

        private static int Int(XElement? element, string attribute, int fallback)
        {
            var text = Text(element, attribute);
            return text is null ? fallback : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        private void Error(IXmlLineInfo where, string message) =>
            _errors.Add(new RuleError(_path, where.LineNumber, where.LinePosition, message));
    }
}
