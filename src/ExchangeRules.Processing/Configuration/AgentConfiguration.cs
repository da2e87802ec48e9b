namespace ExchangeRules.Processing.Configuration;

/// <summary>The agent configuration file (<see cref="FileName"/>, beside the agent DLL), as loaded.</summary>
internal sealed class AgentConfiguration
{
    public const string FileName = "ExchangeRules.config.xml";

    public const string Namespace = "urn:exchangerules:config:v1";

    /// <summary>The rules file; <see langword="null"/> when none is configured (the agent then changes nothing).</summary>
    public RulesSettings? Rules { get; init; }

    /// <summary>The directory; <see langword="null"/> when none is configured.</summary>
    public DirectorySettings? Directory { get; init; }

    public LoggingSettings Logging { get; init; } = new();

    public ProcessingOptions Processing { get; init; } = ProcessingOptions.Default;

    public DiagnosticsSettings Diagnostics { get; init; } = new();

    /// <summary>The organisation key that signs processed markers; <see langword="null"/> when none is configured.</summary>
    public ExchangeRules.Processing.Transport.OrganizationKey? OrganizationKey { get; init; }

    /// <summary>What runs when the file is missing or invalid: no rules, logs in the agent folder.</summary>
    public static AgentConfiguration Defaults(string agentDirectory) =>
        new() { Logging = new LoggingSettings { Folder = System.IO.Path.Combine(agentDirectory, "Logs") } };
}
