using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Xml.Linq;
using ExchangeRules.Cli.Lint;
using ExchangeRules.Cli.Migration;
using ExchangeRules.Engine.Loading;

namespace ExchangeRules.Cli.Commands;

/// <summary>Runs <c>exrules lint</c>: validate the rules with the agent's loader, read the exports, print each warning with its fix.</summary>
internal sealed class LintRunner
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public LintRunner(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
    }

    public int Run(string rulesPath, string? configurationPath, string? transportRulesPath, string? transportAgentsPath, string agentName)
    {
        if (!AgentConfigurationOption.TryLoad(configurationPath, "the rules were not linted.", _error.WriteLine, out var configuration))
        {
            return LintCommand.Failed;
        }

        IReadOnlyList<OurRule> rules;
        try
        {
            RuleSetLoader.Load(rulesPath, AgentConfigurationOption.Compiler(configuration));
            rules = OurRule.Read(XDocument.Load(rulesPath, LoadOptions.SetLineInfo), rulesPath);
        }
        catch (RuleConfigurationException exception)
        {
            foreach (var error in exception.Errors)
            {
                _error.WriteLine(error.ToString());
            }

            _error.WriteLine($"{rulesPath}: {exception.Errors.Count} error(s); fix them first (exrules validate).");
            return LintCommand.Failed;
        }

        var warnings = new List<LintWarning>(CoexistenceLinter.OurRules(rules));
        if (transportRulesPath is not null
            && !TryRead(transportRulesPath, bytes => warnings.AddRange(CoexistenceLinter.ExchangeRules(rules, TransportRuleImporter.ReadExport(bytes), transportRulesPath))))
        {
            return LintCommand.Failed;
        }

        if (transportAgentsPath is not null && !TryRead(transportAgentsPath, bytes =>
        {
            using var agents = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true });
            warnings.AddRange(CoexistenceLinter.Agents(agents.RootElement, transportAgentsPath, agentName));
        }))
        {
            return LintCommand.Failed;
        }

        foreach (var warning in warnings)
        {
            _output.WriteLine($"{warning.Place}: warning: {warning.Message}");
            _output.WriteLine($"    fix: {warning.Fix}");
        }

        _output.WriteLine($"{warnings.Count} warning(s).");
        return warnings.Count == 0 ? LintCommand.Clean : LintCommand.Warnings;
    }

    private bool TryRead(string path, Action<byte[]> read)
    {
        try
        {
            read(File.ReadAllBytes(path));
            return true;
        }
        catch (JsonException exception)
        {
            _error.WriteLine($"{path}:{(exception.LineNumber ?? 0) + 1}:{(exception.BytePositionInLine ?? 0) + 1}: not JSON: {exception.Message}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            _error.WriteLine($"{path}: {exception.Message}");
        }

        return false;
    }
}
