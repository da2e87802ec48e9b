using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using ExchangeRules.Testing;

namespace ExchangeRules.Install.Tests;

/// <summary>
/// Runs the install scripts under <c>dotnet pwsh</c> (the repository's local tool) against the fake Exchange
/// module, step by step, and returns what each step returned, threw and called.
/// </summary>
public sealed class PowerShellScenario
{
    private readonly StringBuilder _script = new();

    public PowerShellScenario(string name)
    {
        Name = name;
        _script.AppendLine("Reset-FakeExchange");
        _script.AppendLine("$steps = [System.Collections.Generic.List[object]]::new()");
    }

    public string Name { get; }

    public int StepCount { get; private set; }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string InstallScript => Path.Combine(RepositoryRoot, "install", "Install-ExchangeRules.ps1");

    public static string UninstallScript => Path.Combine(RepositoryRoot, "install", "Uninstall-ExchangeRules.ps1");

    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>PowerShell that prepares the fake server (not recorded as a step).</summary>
    public PowerShellScenario Setup(string powerShell)
    {
        _script.AppendLine(powerShell);
        return this;
    }

    /// <summary>A step whose result, error, warnings and calls are recorded.</summary>
    public PowerShellScenario Step(string powerShell)
    {
        StepCount++;
        _script.AppendLine("Clear-FakeExchangeCalls");
        _script.AppendLine("$step = [ordered]@{ Result = $null; Error = $null; Warnings = @() }");
        _script.AppendLine("try { $step.Result = & { " + powerShell + " } 3>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.WarningRecord]) { $step.Warnings += $_.Message } else { $_ } } } catch { $step.Error = $_.Exception.Message }");
        _script.AppendLine("$step.Calls = @(Get-FakeExchangeCalls)");
        _script.AppendLine("$steps.Add([pscustomobject]$step)");
        return this;
    }

    /// <summary>
    /// Runs every scenario in one <c>dotnet pwsh</c> process (starting PowerShell is the slow part), each on a
    /// freshly reset fake server.
    /// </summary>
    public static IReadOnlyDictionary<string, ScenarioResult> RunAll(IEnumerable<PowerShellScenario> scenarios)
    {
        var output = Path.Combine(Path.GetTempPath(), "exrules-install-" + Guid.NewGuid().ToString("N") + ".json");
        var script = new StringBuilder();
        script.AppendLine("$ErrorActionPreference = 'Stop'");
        script.AppendLine(CultureInfo.InvariantCulture, $"Import-Module {Quote(Path.Combine(RepositoryRoot, "tests", "ExchangeRules.Install.Tests", "FakeExchange", "FakeExchange.psm1"))} -Force");
        script.AppendLine("$results = [ordered]@{}");
        var expectedSteps = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var scenario in scenarios)
        {
            expectedSteps.Add(scenario.Name, scenario.StepCount);
            script.Append(scenario._script);
            script.AppendLine("$state = Get-FakeExchangeState");
            script.AppendLine(CultureInfo.InvariantCulture, $"$results[{Quote(scenario.Name)}] = [pscustomobject]@{{ Steps = $steps.ToArray(); Agents = @($state.Agents); ServiceRunning = $state.ServiceRunning }}");
        }

        script.AppendLine(CultureInfo.InvariantCulture, $"[pscustomobject]$results | ConvertTo-Json -Depth 9 | Set-Content -LiteralPath {Quote(output)} -Encoding utf8");
        var scriptFile = Path.ChangeExtension(output, ".ps1");
        File.WriteAllText(scriptFile, script.ToString());
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-File", scriptFile })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (!File.Exists(output))
            {
                throw new InvalidOperationException($"pwsh exited {process.ExitCode} without a result.\n{stdout.Result}\n{stderr.Result}");
            }

            using var document = JsonDocument.Parse(File.ReadAllText(output));
            var results = new Dictionary<string, ScenarioResult>(StringComparer.Ordinal);
            foreach (var pair in expectedSteps)
            {
                var result = ScenarioResult.Parse(document.RootElement.GetProperty(pair.Key));
                if (result.Steps.Count != pair.Value)
                {
                    throw new InvalidOperationException($"Scenario {pair.Key}: expected {pair.Value} steps, got {result.Steps.Count}.\n{stderr.Result}");
                }

                results.Add(pair.Key, result);
            }

            return results;
        }
        finally
        {
            File.Delete(scriptFile);
            File.Delete(output);
        }
    }

    private static string FindRepositoryRoot() => TestRepository.Root;
}

/// <summary>What a scenario produced.</summary>
public sealed class ScenarioResult
{
    public required IReadOnlyList<StepResult> Steps { get; init; }

    public required IReadOnlyList<FakeAgent> Agents { get; init; }

    public required bool ServiceRunning { get; init; }

    public static ScenarioResult Parse(JsonElement root)
    {
        var steps = new List<StepResult>();
        foreach (var step in Items(root.GetProperty(nameof(Steps))))
        {
            var calls = new List<FakeCall>();
            foreach (var call in Items(step.GetProperty("Calls")))
            {
                var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in call.GetProperty("Parameters").EnumerateObject())
                {
                    parameters[parameter.Name] = parameter.Value.ToString();
                }

                calls.Add(new FakeCall(call.GetProperty("Command").GetString()!, parameters));
            }

            var warnings = new List<string>();
            foreach (var warning in Items(step.GetProperty("Warnings")))
            {
                warnings.Add(warning.GetString()!);
            }

            steps.Add(new StepResult(
                step.GetProperty("Result").ValueKind == JsonValueKind.Null ? null : step.GetProperty("Result").Clone(),
                step.GetProperty("Error").ValueKind == JsonValueKind.Null ? null : step.GetProperty("Error").GetString(),
                warnings,
                calls));
        }

        var agents = new List<FakeAgent>();
        foreach (var agent in Items(root.GetProperty(nameof(Agents))))
        {
            agents.Add(new FakeAgent(agent.GetProperty("Identity").GetString()!, agent.GetProperty("Enabled").GetBoolean(), agent.GetProperty("Priority").GetInt32()));
        }

        return new ScenarioResult { Steps = steps, Agents = agents, ServiceRunning = root.GetProperty(nameof(ServiceRunning)).GetBoolean() };
    }

    private static IEnumerable<JsonElement> Items(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Array => element.EnumerateArray(),
            JsonValueKind.Null => Array.Empty<JsonElement>(),
            _ => new[] { element },
        };
}

public sealed record StepResult(JsonElement? Result, string? Error, IReadOnlyList<string> Warnings, IReadOnlyList<FakeCall> Calls)
{
    public string? Property(string name) =>
        Result is { ValueKind: JsonValueKind.Object } result && result.TryGetProperty(name, out var value) ? value.ToString() : null;
}

public sealed record FakeCall(string Command, IReadOnlyDictionary<string, string> Parameters);

public sealed record FakeAgent(string Identity, bool Enabled, int Priority);
