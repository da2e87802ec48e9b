using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Processing.Configuration;
using Serilog;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>Agent parts for host tests: a fake editor and rule source, optionally failing like a real outage.</summary>
internal sealed class FakeComponents : IAgentComponents
{
    public FakeEditor Editor { get; } = new();

    public IRulePlan? Plan { get; set; }

    public Exception? DirectoryFailure { get; init; }

    public Exception? RulesFailure { get; init; }

    public Exception? EditorFailure { get; init; }

    public RulesSettings? RulesRequested { get; private set; }

    public DirectorySettings? DirectoryRequested { get; private set; }

    public IReadOnlyList<CustomDirectoryField>? CustomFieldsRequested { get; private set; }

    public IMessageEditor CreateEditor(ProcessingOptions options) =>
        EditorFailure is null ? Editor : throw EditorFailure;

    public IDirectory CreateDirectory(DirectorySettings settings, ILogger logger)
    {
        DirectoryRequested = settings;
        return DirectoryFailure is null ? new NoDirectory() : throw DirectoryFailure;
    }

    public IRuleSource CreateRuleSource(RulesSettings settings, ProcessingOptions options, IReadOnlyList<CustomDirectoryField> customFields, ILogger logger)
    {
        RulesRequested = settings;
        CustomFieldsRequested = customFields;
        return RulesFailure is null ? new Source(this) : throw RulesFailure;
    }

    private sealed class Source : IRuleSource
    {
        private readonly FakeComponents _owner;

        public Source(FakeComponents owner)
        {
            _owner = owner;
        }

        public IRulePlan? Current => _owner.Plan;

        public void Dispose()
        {
        }
    }

    private sealed class NoDirectory : IDirectory
    {
        public DirectoryEntry? FindBySmtpAddress(string smtpAddress) => null;

        public bool IsMemberOf(string smtpAddress, string group) => false;
    }
}
