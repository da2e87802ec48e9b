using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Cli.Cases;
using ExchangeRules.Cli.Replay;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing;

namespace ExchangeRules.Cli.Commands;

/// <summary>Runs <c>exrules test</c>: loads each cases file and its rules, replays every case and prints PASS or FAIL with the differences.</summary>
internal sealed class TestRunner
{
    private readonly string? _rules;
    private readonly string? _organization;
    private readonly string? _directory;
    private readonly string? _configuration;
    private readonly Func<IMessageEditor> _createEditor;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public TestRunner(string? rules, string? organization, string? directory, string? configuration, Func<IMessageEditor> createEditor, TextWriter output, TextWriter error)
    {
        _rules = rules;
        _organization = organization;
        _directory = directory;
        _configuration = configuration;
        _createEditor = createEditor;
        _output = output;
        _error = error;
    }

    public int Run(IReadOnlyList<string> casesPaths)
    {
        if (!AgentConfigurationOption.TryLoad(_configuration, "no case was run.", _error.WriteLine, out var configuration))
        {
            return TestCommand.SetupFailed;
        }

        int passed = 0, failed = 0;
        foreach (var casesPath in casesPaths)
        {
            var errors = new List<string>();
            var file = CaseFileReader.TryRead(casesPath, errors);
            var setup = file is null ? null : Load(casesPath, file, configuration, errors);
            if (file is null || setup is null)
            {
                errors.ForEach(_error.WriteLine);
                _error.WriteLine($"{casesPath}: not run.");
                return TestCommand.SetupFailed;
            }

            var replay = new MessageReplay(setup, _createEditor());
            _output.WriteLine($"{casesPath}: {file.Cases.Count} case(s) against {setup.RulesPath}");
            foreach (var testCase in file.Cases)
            {
                if (RunCase(casesPath, testCase, replay))
                {
                    passed++;
                }
                else
                {
                    failed++;
                }
            }
        }

        _output.WriteLine($"{passed + failed} case(s): {passed} passed, {failed} failed.");
        return failed == 0 ? TestCommand.Passed : TestCommand.Failed;
    }

    private ReplaySetup? Load(string casesPath, CaseFile file, AgentConfigurationFile? configuration, List<string> errors)
    {
        var rules = _rules ?? (file.Rules is null ? null : CaseFileReader.Resolve(casesPath, file.Rules));
        if (rules is null)
        {
            errors.Add($"{casesPath}: no rules file: give --rules or \"rules\" in the cases file");
            return null;
        }

        var organization = _organization ?? (file.Organization is null ? null : CaseFileReader.Resolve(casesPath, file.Organization));
        var directory = _directory ?? (file.Directory is null ? null : CaseFileReader.Resolve(casesPath, file.Directory));
        return ReplaySetup.TryLoad(rules, organization, directory, configuration, errors);
    }

    private bool RunCase(string casesPath, TestCase testCase, MessageReplay replay)
    {
        var messagePath = CaseFileReader.Resolve(casesPath, testCase.Message);
        IReadOnlyList<RecipientResult> results;
        try
        {
            var mime = File.ReadAllBytes(messagePath);
            var envelope = testCase.Envelope is { } given
                ? new MessageEnvelope(given.From, given.To, testCase.Origin)
                : EnvelopeOf(mime, testCase.Origin);
            results = replay.Replay(mime, envelope);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            _output.WriteLine($"FAIL  {testCase.Name}");
            _output.WriteLine($"      {messagePath}: cannot be read: {exception.Message}");
            return false;
        }

        var failures = new List<string>();
        foreach (var (recipient, expectation) in testCase.Expect.Where(pair => pair.Key != "*"))
        {
            var result = results.FirstOrDefault(candidate => string.Equals(candidate.Recipient, recipient, StringComparison.OrdinalIgnoreCase));
            if (result is null)
            {
                failures.Add($"{recipient}: not an envelope recipient of this case (recipients: {string.Join(", ", results.Select(other => other.Recipient))})");
                continue;
            }

            failures.AddRange(Describe(result, CaseChecker.Check(expectation, result)));
        }

        if (testCase.Expect.TryGetValue("*", out var others))
        {
            foreach (var result in results.Where(candidate => !testCase.Expect.Keys.Any(key => string.Equals(key, candidate.Recipient, StringComparison.OrdinalIgnoreCase))))
            {
                failures.AddRange(Describe(result, CaseChecker.Check(others, result)));
            }
        }

        _output.WriteLine($"{(failures.Count == 0 ? "PASS" : "FAIL")}  {testCase.Name}");
        foreach (var failure in failures)
        {
            _output.WriteLine("      " + failure);
        }

        return failures.Count == 0;
    }

    private static IEnumerable<string> Describe(RecipientResult result, IReadOnlyList<string> differences) =>
        differences.Select((difference, index) => index == 0 ? $"{result.Recipient} (copy {result.Copy}): {difference}" : "  " + difference);

    private static MessageEnvelope EnvelopeOf(byte[] mime, SubmissionOrigin origin)
    {
        var (sender, recipients) = EnvelopeFromHeaders.Read(mime);
        if (recipients.Count == 0)
        {
            throw new FormatException("no recipient in To, Cc or Bcc and no envelope in the case");
        }

        return new MessageEnvelope(sender, recipients, origin);
    }
}
