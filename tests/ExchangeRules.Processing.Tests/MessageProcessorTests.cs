using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Processing.Logging;
using ExchangeRules.Processing.Tests.Support;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Xunit;

namespace ExchangeRules.Processing.Tests;

public sealed class MessageProcessorTests
{
    private readonly FakeEditor _editor = new();
    private readonly CollectingSink _log = new();
    private readonly FakeClock _clock = new();

    [Fact]
    public void Process_NoRulesLoaded_LeavesTheMessageUnchanged()
    {
        var target = CreateTarget(plan: null);

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Null(result.Mime);
        Assert.Empty(_editor.Applied);
    }

    [Fact]
    public void Process_NoRuleApplies_LeavesTheMessageUnchangedWithoutEditing()
    {
        var target = CreateTarget(FakePlan.AllRecipients());

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Empty(_editor.Applied);
        Assert.NotNull(result.Trace);
    }

    [Fact]
    public void Process_ContentAction_ReturnsTheEditedMessageAtPositionZero()
    {
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer()));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.NotNull(result.Mime);
        Assert.Equal(0, result.Mime!.Position);
        Assert.StartsWith("X-Applied: Disclaimer", ReadAll(result.Mime), StringComparison.Ordinal);
    }

    [Fact]
    public void Process_EvaluationGetsEnvelopeOrganizationDirectoryAndClock()
    {
        var plan = FakePlan.AllRecipients();
        var target = CreateTarget(plan);
        var envelope = Some.Envelope();

        target.Process(envelope, FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        var context = Assert.Single(plan.Seen);
        Assert.Same(envelope, context.Envelope);
        Assert.Same(FakeOrganization.Contoso, context.Organization);
        Assert.Equal(_clock.Now, context.Now);
        Assert.Equal("Quarterly numbers", context.Content.Subject);
    }

    [Fact]
    public void Process_TwoCopies_SplitsAndEditsOnlyTheFirstCopy()
    {
        var external = new CopyDecision(new[] { "bob@fabrikam.com" }, new PlannedAction[] { Some.Disclaimer() });
        var internalCopy = new CopyDecision(new[] { "carol@contoso.com" }, Array.Empty<PlannedAction>());
        var target = CreateTarget(FakePlan.Deciding(external, internalCopy));

        var result = target.Process(Some.Envelope(SubmissionOrigin.Authenticated, "bob@fabrikam.com", "carol@contoso.com"), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Split, result.Outcome);
        Assert.Equal(new[] { "bob@fabrikam.com" }, result.SplitRecipients);
        Assert.NotNull(result.Mime);
        Assert.Single(_log.WithEventId((int)LogEventId.MessageSplit));
    }

    [Fact]
    public void Process_SplitWhoseFirstCopyIsUnchanged_SplitsWithoutNewContent()
    {
        var plain = new CopyDecision(new[] { "carol@contoso.com" }, Array.Empty<PlannedAction>());
        var tagged = new CopyDecision(new[] { "bob@fabrikam.com" }, new PlannedAction[] { Some.SubjectTag() });
        var target = CreateTarget(FakePlan.Deciding(plain, tagged));

        var result = target.Process(Some.Envelope(SubmissionOrigin.Authenticated, "bob@fabrikam.com", "carol@contoso.com"), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Split, result.Outcome);
        Assert.Equal(new[] { "carol@contoso.com" }, result.SplitRecipients);
        Assert.Null(result.Mime);
    }

    [Fact]
    public void Process_DeleteCopyListedFirst_KeepsTheDeliveredCopyOnThisItem()
    {
        var deleted = new CopyDecision(new[] { "spam@fabrikam.com" }, new PlannedAction[] { new DeleteMessageAction("Drop", FailurePolicy.FailOpen) });
        var delivered = new CopyDecision(new[] { "bob@fabrikam.com" }, new PlannedAction[] { Some.Disclaimer() });
        var target = CreateTarget(FakePlan.Deciding(deleted, delivered));

        var result = target.Process(Some.Envelope(SubmissionOrigin.Authenticated, "spam@fabrikam.com", "bob@fabrikam.com"), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Split, result.Outcome);
        Assert.Equal(new[] { "bob@fabrikam.com" }, result.SplitRecipients);
    }

    [Fact]
    public void Process_DeleteForEveryRecipient_DeletesAndLogsWhichRule()
    {
        var target = CreateTarget(FakePlan.AllRecipients(new DeleteMessageAction("Drop", FailurePolicy.FailOpen)));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Delete, result.Outcome);
        var logged = Assert.Single(_log.WithEventId((int)LogEventId.MessageDeleted));
        Assert.Equal("\"Drop\"", logged.Properties["Rule"].ToString());
    }

    [Fact]
    public void Process_RecipientActions_GoToTheHostNotTheEditor()
    {
        var bcc = new RecipientAction("Archive", FailurePolicy.FailOpen, RecipientChange.Bcc, "archive@contoso.com");
        var target = CreateTarget(FakePlan.AllRecipients(bcc, Some.SubjectTag()));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.Same(bcc, Assert.Single(result.EnvelopeChanges));
        Assert.DoesNotContain(_editor.Applied.Single(), action => action is RecipientAction);
        Assert.Equal(2, result.ActionOutcomes.Count);
        Assert.All(result.ActionOutcomes, outcome => Assert.Equal(ActionStatus.Applied, outcome.Status));
    }

    [Fact]
    public void Process_OnlyRecipientActions_ChangedWithoutNewContent()
    {
        var bcc = new RecipientAction("Archive", FailurePolicy.FailOpen, RecipientChange.Bcc, "archive@contoso.com");
        var target = CreateTarget(FakePlan.AllRecipients(bcc));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.Null(result.Mime);
        Assert.Empty(_editor.Applied);
    }

    [Fact]
    public void ProcessRecipientChanges_ReportsTheEnvelopeChangesWithoutEditingTheContent()
    {
        var bcc = new RecipientAction("Archive", FailurePolicy.FailOpen, RecipientChange.Bcc, "archive@contoso.com");
        var target = CreateTarget(FakePlan.AllRecipients(bcc, Some.SubjectTag()));

        var result = target.ProcessRecipientChanges(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.Same(bcc, Assert.Single(result.EnvelopeChanges));
        Assert.Null(result.Mime);
        Assert.Empty(_editor.Applied);
    }

    [Theory]
    [InlineData(FailurePolicy.FailOpen, ProcessingOutcome.Unchanged)]
    [InlineData(FailurePolicy.FailClosed, ProcessingOutcome.Defer)]
    public void Process_EvaluationThrows_FollowsTheDefaultFailurePolicy(FailurePolicy policy, ProcessingOutcome expected)
    {
        var plan = new FakePlan(_ => throw new InvalidOperationException("LDAP server unavailable"));
        var target = CreateTarget(plan, new ProcessingOptions { DefaultFailurePolicy = policy });

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Contains("LDAP server unavailable", result.Reason, StringComparison.Ordinal);
        var failure = Assert.Single(_log.Events, e => e.Level >= LogEventLevel.Warning);
        Assert.NotNull(failure.Exception);
    }

    [Theory]
    [InlineData(FailurePolicy.FailOpen, ProcessingOutcome.Unchanged)]
    [InlineData(FailurePolicy.FailClosed, ProcessingOutcome.Defer)]
    public void Process_EditorThrows_FollowsTheActionsFailurePolicy(FailurePolicy policy, ProcessingOutcome expected)
    {
        _editor.Throws = _ => true;
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer("Legal", policy)));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Null(result.Mime);
        var failure = Assert.Single(_log.Events, e => e.Level >= LogEventLevel.Warning);
        Assert.Contains("Legal", failure.Properties["Rules"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Process_FailClosedActionFails_DefersWithATransientReason()
    {
        _editor.Fails = action => action.RuleName == "Legal";
        var target = CreateTarget(FakePlan.AllRecipients(Some.SubjectTag(), Some.Disclaimer("Legal", FailurePolicy.FailClosed)));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.StartsWith("4.", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.Mime);
        Assert.Single(_log.WithEventId((int)LogEventId.MessageDeferred));
    }

    [Fact]
    public void Process_FailClosedRuleFailsDuringEvaluation_DefersEvenThoughAnotherRuleApplied()
    {
        var plan = new FakePlan(context => new EvaluationResult(
            new[] { new CopyDecision(context.Envelope.Recipients, new PlannedAction[] { Some.SubjectTag() }) },
            new EvaluationTrace(new[]
            {
                new RuleTrace("Tag", true, "applied", context.Envelope.Recipients, false),
                new RuleTrace("Legal", false, "failed (required rule, the message is deferred): the pattern timed out", Array.Empty<string>(), true),
            }),
            requiredRuleFailed: true));
        var target = CreateTarget(plan);

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.StartsWith("4.3.0 ExchangeRules: required rule Legal could not be evaluated: failed", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.Mime);
        Assert.Single(_log.WithEventId((int)LogEventId.MessageDeferred));
    }

    [Fact]
    public void Process_FailOpenActionFails_DeliversTheOtherActionsAndWarns()
    {
        _editor.Fails = action => action.RuleName == "Banner";
        var target = CreateTarget(FakePlan.AllRecipients(Some.SubjectTag(), Some.Disclaimer("Banner")));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        var text = ReadAll(result.Mime!);
        Assert.Contains("X-Applied: Tag", text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Applied: Banner", text, StringComparison.Ordinal);
        var warning = Assert.Single(_log.WithEventId((int)LogEventId.ActionFailed));
        Assert.Equal(LogEventLevel.Warning, warning.Level);
    }

    [Fact]
    public void Process_MessageCannotBeRead_LeavesItUnchanged()
    {
        _editor.ThrowOnRead = true;
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer()));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Single(_log.WithEventId((int)LogEventId.MessageUnreadable));
    }

    [Fact]
    public void Process_MessageOverTheSizeLimit_IsStillEvaluatedSoHeaderLevelActionsApply()
    {
        // The editor owns every limit (one definition, MessageLimits): the processor no longer drops a large message
        // before the rules have seen it.
        var plan = FakePlan.AllRecipients(Some.SubjectTag());
        var target = CreateTarget(plan, new ProcessingOptions { MaxMessageBytes = 100 });

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.Single(plan.Seen);
    }

    [Fact]
    public void Process_EvaluationOverTheTimeBudgetWithAFailClosedAction_Defers()
    {
        var plan = new FakePlan(context =>
        {
            _clock.Advance(TimeSpan.FromSeconds(3));
            return FakePlan.Result(new CopyDecision(context.Envelope.Recipients, new PlannedAction[] { Some.Disclaimer("Legal", FailurePolicy.FailClosed) }));
        });
        var target = CreateTarget(plan, new ProcessingOptions { TimeBudget = TimeSpan.FromSeconds(2) });

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.Contains("time budget", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_editor.Applied);
        Assert.Single(_log.WithEventId((int)LogEventId.MessageDeferred));
    }

    [Fact]
    public void Process_EvaluationOverTheTimeBudgetWithOnlyFailOpenActions_PassesUnchanged()
    {
        var plan = new FakePlan(context =>
        {
            _clock.Advance(TimeSpan.FromSeconds(3));
            return FakePlan.Result(new CopyDecision(context.Envelope.Recipients, new PlannedAction[] { Some.Disclaimer("Banner", FailurePolicy.FailOpen) }));
        });
        var target = CreateTarget(plan, new ProcessingOptions { TimeBudget = TimeSpan.FromSeconds(2) });

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Empty(_editor.Applied);
        Assert.Single(_log.WithEventId((int)LogEventId.TimeBudgetExceeded));
        Assert.Contains("not applied", Assert.Single(result.Trace!.Rules).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_TimeBudgetSpentReadingTheMessage_PlanStillNamesTheFailClosedRuleAndTheMessageDefers()
    {
        // Reading a large message on a loaded host can spend the whole budget before any rule runs. Whether a
        // fail-closed rule applies is the plan's to say: it gets the cancelled budget and fails the rules it cannot finish.
        _editor.OnRead = () => _clock.Advance(TimeSpan.FromSeconds(3));
        var plan = new FakePlan(context => new EvaluationResult(
            Array.Empty<CopyDecision>(),
            new EvaluationTrace(new[] { new RuleTrace("Legal", false, "not evaluated: the time budget was spent", Array.Empty<string>(), true) }),
            new[] { "Legal" })
        {
            Cancelled = context.CancellationToken.IsCancellationRequested,
        });
        var target = CreateTarget(plan, new ProcessingOptions { TimeBudget = TimeSpan.FromSeconds(2) });

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.True(Assert.Single(plan.Seen).CancellationToken.IsCancellationRequested);
        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.Contains("time budget", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_editor.Applied);
    }

    [Fact]
    public void Process_TimeBudgetSpentReadingTheMessageWithOnlyFailOpenRules_PassesUnchanged()
    {
        _editor.OnRead = () => _clock.Advance(TimeSpan.FromSeconds(3));
        var plan = new FakePlan(context => new EvaluationResult(
            Array.Empty<CopyDecision>(),
            new EvaluationTrace(new[] { new RuleTrace("Banner", false, "not evaluated: the time budget was spent", Array.Empty<string>(), true) }),
            Array.Empty<string>())
        {
            Cancelled = context.CancellationToken.IsCancellationRequested,
        });
        var target = CreateTarget(plan, new ProcessingOptions { TimeBudget = TimeSpan.FromSeconds(2) });

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Single(_log.WithEventId((int)LogEventId.TimeBudgetExceeded));
        Assert.Empty(_editor.Applied);
    }

    [Fact]
    public void Process_HostCancelled_PassesUnchanged()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer()));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), cancelled.Token);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Single(_log.WithEventId((int)LogEventId.ProcessingCancelled));
    }

    [Theory]
    [InlineData(EditLimit.MimeDepth)]
    [InlineData(EditLimit.PartCount)]
    [InlineData(EditLimit.MessageSize)]
    [InlineData(EditLimit.HeaderSize)]
    [InlineData(EditLimit.Unparsable)]
    [InlineData(EditLimit.TimeBudget)]
    public void Process_EditorRefusesAFailClosedActionForALimit_Defers(EditLimit limit)
    {
        _editor.RefuseFor = limit;
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer(policy: FailurePolicy.FailClosed)));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.Null(result.Mime);
        Assert.Contains(limit.ToString(), result.Reason, StringComparison.Ordinal);
        Assert.StartsWith("4.3.0", result.Reason, StringComparison.Ordinal);
        Assert.Single(_log.WithEventId((int)LogEventId.MessageDeferred));
        Assert.DoesNotContain(result.Trace?.Rules ?? Array.Empty<RuleTrace>(), rule => rule.Applied);
    }

    [Theory]
    [InlineData(EditLimit.MimeDepth, (int)LogEventId.MimeTooDeep)]
    [InlineData(EditLimit.PartCount, (int)LogEventId.BodyNotEditable)]
    [InlineData(EditLimit.HeaderSize, (int)LogEventId.BodyNotEditable)]
    [InlineData(EditLimit.MessageSize, (int)LogEventId.MessageTooLarge)]
    [InlineData(EditLimit.TimeBudget, (int)LogEventId.TimeBudgetExceeded)]
    public void Process_EditorRefusesAFailOpenActionForALimit_PassesUnchangedAndLogsTheLimit(EditLimit limit, int expectedEventId)
    {
        _editor.RefuseFor = limit;
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer(policy: FailurePolicy.FailOpen)));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Null(result.Mime);
        Assert.Contains(limit.ToString(), result.Reason, StringComparison.Ordinal);
        var logged = Assert.Single(_log.WithEventId(expectedEventId));
        Assert.Equal(LogEventLevel.Warning, logged.Level);
        Assert.Empty(_log.WithEventId((int)LogEventId.MessageDeferred));
    }

    [Theory]
    [InlineData(FailurePolicy.FailOpen, ProcessingOutcome.Unchanged)]
    [InlineData(FailurePolicy.FailClosed, ProcessingOutcome.Defer)]
    public void Process_EditRunsOutOfTheTimeBudget_TheRulesFailurePolicyApplies(FailurePolicy policy, ProcessingOutcome expected)
    {
        _editor.RefuseFor = EditLimit.TimeBudget;
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer(policy: policy)));

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Null(result.Mime);
        Assert.Contains(nameof(EditLimit.TimeBudget), result.Reason, StringComparison.Ordinal);
        Assert.Equal(policy == FailurePolicy.FailClosed ? 1 : 0, _log.WithEventId((int)LogEventId.MessageDeferred).Count);
    }

    [Theory]
    [InlineData(false, ProcessingOutcome.Unchanged)]
    [InlineData(true, ProcessingOutcome.Defer)]
    public void Process_BudgetSpentDuringEvaluation_StopsEvaluationAndTheFailurePolicyApplies(bool requiredRuleFailed, ProcessingOutcome expected)
    {
        var plan = new FakePlan(context =>
        {
            // The token the processor hands to evaluation fires when the message's budget is spent.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!context.CancellationToken.IsCancellationRequested && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                Thread.Sleep(5);
            }

            var trace = new EvaluationTrace(new[] { new RuleTrace("Slow per-recipient rule", false, "failed: evaluation stopped", Array.Empty<string>(), true) });
            return new EvaluationResult(Array.Empty<CopyDecision>(), trace, requiredRuleFailed) { Cancelled = context.CancellationToken.IsCancellationRequested };
        });
        var target = CreateTarget(plan, new ProcessingOptions { TimeBudget = TimeSpan.FromMilliseconds(50) });

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Contains("time budget", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_editor.Applied);
        Assert.Single(_log.WithEventId(requiredRuleFailed ? (int)LogEventId.MessageDeferred : (int)LogEventId.TimeBudgetExceeded));
    }

    [Theory]
    [InlineData(false, LogEventLevel.Information)]
    [InlineData(true, LogEventLevel.Warning)]
    public void Process_SignatureFellBackToTheEndWithoutAMarker_LogsItAsAWarningOnReplies(bool reply, LogEventLevel level)
    {
        _editor.Placements = new[]
        {
            new PartPlacement("text/html", "gmail-quote", PlacementPosition.AboveMarker, 3, 120),
            new PartPlacement("text/plain", null, PlacementPosition.EndNoMarker, 9, 400),
        };
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer()));
        var message = reply ? Some.MessageWithHeaders("In-Reply-To: <original@fabrikam.com>\r\n") : Some.Message();

        target.Process(Some.Envelope(), FakeOrganization.Contoso, message, CancellationToken.None);

        var logged = Assert.Single(_log.WithEventId((int)LogEventId.PlacementWithoutMarker));
        Assert.Equal(level, logged.Level);
        Assert.Contains("text/plain", logged.RenderMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("text/html 'gmail-quote'", logged.RenderMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Process_FailClosedRuleFailedDuringEvaluation_DefersAndNothingOfTheEvaluationReachesTheMessage()
    {
        // The engine reports a fail-closed rule it could not evaluate (regex timeout, template, directory down with
        // nothing cached): the other rules' actions must not go out without it.
        var plan = new FakePlan(context => new EvaluationResult(
            new[] { new CopyDecision(context.Envelope.Recipients, new PlannedAction[] { Some.SubjectTag() }) },
            new EvaluationTrace(new[]
            {
                new RuleTrace("Legal", false, "failed (required rule, the message is deferred): the directory is unavailable", Array.Empty<string>(), true),
                new RuleTrace("Tag", true, "applied: all conditions met, no exception", context.Envelope.Recipients, false),
            }),
            new[] { "Legal" }));
        var target = CreateTarget(plan);

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.Contains("Legal", result.Reason, StringComparison.Ordinal);
        Assert.Contains("directory is unavailable", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_editor.Applied);
        Assert.DoesNotContain(result.Trace!.Rules, rule => rule.Applied);
        Assert.Contains("deferred", result.Trace.Rules[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_FailClosedRuleStillFailingAfterTheMaximumDeferral_RejectsWithAPermanentReason()
    {
        _editor.Fails = _ => true;
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer("Legal", FailurePolicy.FailClosed)), new ProcessingOptions { MaxDeferral = TimeSpan.FromHours(6) });
        var envelope = new MessageEnvelope("alice@contoso.com", new[] { "bob@fabrikam.com" }, SubmissionOrigin.Authenticated, _clock.Now - TimeSpan.FromHours(7));

        var result = target.Process(envelope, FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Reject, result.Outcome);
        Assert.StartsWith("5.3.0", result.Reason, StringComparison.Ordinal);
        Assert.Single(_log.WithEventId((int)LogEventId.MessageRejected));
    }

    [Fact]
    public void Process_FailClosedRuleFailingWithinTheMaximumDeferral_StillDefers()
    {
        _editor.Fails = _ => true;
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer("Legal", FailurePolicy.FailClosed)), new ProcessingOptions { MaxDeferral = TimeSpan.FromHours(6) });
        var envelope = new MessageEnvelope("alice@contoso.com", new[] { "bob@fabrikam.com" }, SubmissionOrigin.Authenticated, _clock.Now - TimeSpan.FromHours(5));

        var result = target.Process(envelope, FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
    }

    [Fact]
    public void Process_FailClosedRuleExpiredWithDeliverWithHeader_DeliversTheOriginalMarkedUnapplied()
    {
        _editor.Fails = action => action.RuleName == "Legal";
        var options = new ProcessingOptions { MaxDeferral = TimeSpan.FromHours(1), AfterMaxDeferral = FailClosedExpiry.DeliverWithHeader };
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer("Legal", FailurePolicy.FailClosed)), options);
        var envelope = new MessageEnvelope("alice@contoso.com", new[] { "bob@fabrikam.com" }, SubmissionOrigin.Authenticated, _clock.Now - TimeSpan.FromHours(2));

        var result = target.Process(envelope, FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        var written = ReadAll(result.Mime!);
        Assert.Contains(MessageProcessor.UnappliedHeader + "=required-rule-failed", written, StringComparison.Ordinal);
        Assert.Single(_log.WithEventId((int)LogEventId.RequiredRuleAbandoned));
    }

    [Fact]
    public void Process_RequiredRuleFails_DefersWithTheConfiguredRetryInterval()
    {
        _editor.Fails = _ => true;
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer(policy: FailurePolicy.FailClosed)), new ProcessingOptions { DeferRetryInterval = TimeSpan.FromMinutes(17) });

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Defer, result.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(17), result.RetryAfter);
    }

    [Fact]
    public void Process_EditedMessageOverTheInMemoryLimit_IsSpooledToATemporaryFileDeletedOnDispose()
    {
        using var spool = new TemporaryFolder();
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer()), new ProcessingOptions { InMemoryEditLimitBytes = 16, SpoolFolder = spool.Path });
        var original = Some.Message();

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, original, CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        var file = Assert.IsType<FileStream>(result.Mime);
        Assert.Equal(spool.Path, Path.GetDirectoryName(file.Name));
        Assert.Single(System.IO.Directory.GetFiles(spool.Path));
        Assert.StartsWith("X-Applied: Disclaimer", ReadAll(file), StringComparison.Ordinal);
        file.Dispose();
        Assert.Empty(System.IO.Directory.GetFiles(spool.Path));
    }

    [Fact]
    public void Process_SpoolFolderMissing_BuildsTheMessageInMemoryAndSaysSo()
    {
        using var spool = new TemporaryFolder();
        var missing = Path.Combine(spool.Path, "does-not-exist");
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer()), new ProcessingOptions { InMemoryEditLimitBytes = 16, SpoolFolder = missing });

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.IsAssignableFrom<MemoryStream>(result.Mime);
        Assert.StartsWith("X-Applied: Disclaimer", ReadAll(result.Mime!), StringComparison.Ordinal);
        Assert.Single(_log.WithEventId((int)LogEventId.SpoolUnavailable));
    }

    [Theory]
    [InlineData(SubmissionOrigin.Anonymous)]
    [InlineData(SubmissionOrigin.Unknown)]
    public void Process_OwnHeadersFromOutside_AreHiddenFromRulesAndRemoved(SubmissionOrigin origin)
    {
        var plan = FakePlan.AllRecipients();
        var target = CreateTarget(plan);

        var result = target.Process(Some.Envelope(origin), FakeOrganization.Contoso, Some.MessageWithHeaders("X-ExchangeRules-Processed: v1\r\n"), CancellationToken.None);

        Assert.Empty(Assert.Single(plan.Seen).Content.GetHeaderValues("X-ExchangeRules-Processed"));
        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        var removal = Assert.IsType<HeaderAction>(Assert.Single(_editor.Applied.Single()));
        Assert.Equal("X-ExchangeRules-Processed", removal.Name);
        Assert.Null(removal.Value);
        Assert.Single(_log.WithEventId((int)LogEventId.UntrustedHeadersRemoved));
    }

    [Theory]
    [InlineData(SubmissionOrigin.Authenticated)]
    [InlineData(SubmissionOrigin.HybridConnector)]
    public void Process_OwnHeadersFromInside_AreTrusted(SubmissionOrigin origin)
    {
        var plan = FakePlan.AllRecipients();
        var target = CreateTarget(plan);

        var result = target.Process(Some.Envelope(origin), FakeOrganization.Contoso, Some.MessageWithHeaders("X-ExchangeRules-Processed: v1\r\n"), CancellationToken.None);

        Assert.Equal("v1", Assert.Single(Assert.Single(plan.Seen).Content.GetHeaderValues("X-ExchangeRules-Processed")));
        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Empty(_editor.Applied);
    }

    [Fact]
    public void Process_AnyMessage_WritesOneSummaryEventWithoutTheSubject()
    {
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer()));

        target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        var summary = Assert.Single(_log.WithEventId((int)LogEventId.MessageProcessed));
        Assert.Equal(LogEventLevel.Information, summary.Level);
        Assert.Equal("\"<m1@contoso.com>\"", summary.Properties["MessageId"].ToString());
        Assert.Equal("\"Outgoing\"", summary.Properties["Direction"].ToString());
        Assert.Equal("\"alice@contoso.com\"", summary.Properties["Sender"].ToString());
        Assert.Equal("1", summary.Properties["RecipientCount"].ToString());
        Assert.Equal("\"Disclaimer\"", summary.Properties["RulesApplied"].ToString());
        Assert.Contains("Disclaimer@Disclaimer:Applied", summary.Properties["Actions"].ToString(), StringComparison.Ordinal);
        Assert.Equal("False", summary.Properties["Split"].ToString());
        Assert.True(summary.Properties.ContainsKey("DurationMs"));
        Assert.DoesNotContain(_log.Events, e => e.RenderMessage(CultureInfo.InvariantCulture).Contains("Quarterly numbers", StringComparison.Ordinal));
    }

    [Fact]
    public void Process_ActionThatDidNotApply_LogsTheEditorsReasonInTheSummary()
    {
        _editor.Fails = _ => true;
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer()));

        target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        var summary = Assert.Single(_log.WithEventId((int)LogEventId.MessageProcessed));
        Assert.Contains("Disclaimer@Disclaimer:Failed (template failed)", summary.Properties["Actions"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Process_DebugLoggingWithContent_LogsTheSubjectAndFullTrace()
    {
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer()), new ProcessingOptions { LogMessageContent = true });

        target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Contains(_log.Events, e => e.Level == LogEventLevel.Debug && e.RenderMessage(CultureInfo.InvariantCulture).Contains("Quarterly numbers", StringComparison.Ordinal));
    }

    [Fact]
    public void Process_EverySinkThrows_MailStillFlows()
    {
        var sink = new ThrowingSink();
        var logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(sink).CreateLogger();
        var target = new MessageProcessor(() => FakePlan.AllRecipients(Some.Disclaimer()), _editor, null, ProcessingOptions.Default, logger);

        var result = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Changed, result.Outcome);
        Assert.True(sink.Calls > 0);
    }

    [Fact]
    public void Process_OneActionThrowsAmongManyMessages_EveryOtherMessageIsEdited()
    {
        var plan = new FakePlan(context => FakePlan.Result(new CopyDecision(
            context.Envelope.Recipients,
            new PlannedAction[] { Some.Disclaimer(context.Envelope.Recipients[0] == "victim@fabrikam.com" ? "Broken" : "Disclaimer") })));
        _editor.Throws = actions => actions.Any(action => action.RuleName == "Broken");
        var target = CreateTarget(plan);

        var results = Enumerable.Range(0, 20)
            .Select(i => target.Process(Some.Envelope(SubmissionOrigin.Authenticated, i == 7 ? "victim@fabrikam.com" : $"user{i}@fabrikam.com"), FakeOrganization.Contoso, Some.Message(), CancellationToken.None))
            .ToList();

        Assert.Equal(19, results.Count(result => result.Outcome == ProcessingOutcome.Changed));
        Assert.Equal(ProcessingOutcome.Unchanged, results[7].Outcome);
        Assert.Equal(20, _log.WithEventId((int)LogEventId.MessageProcessed).Count);
        Assert.Single(_log.WithEventId((int)LogEventId.EditFailed));
    }

    [Fact]
    public void Process_PlanSwappedBetweenMessages_UsesTheCurrentPlan()
    {
        IRulePlan current = FakePlan.AllRecipients();
        var target = new MessageProcessor(() => current, _editor, null, ProcessingOptions.Default, CreateLogger(), _clock);

        var before = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);
        current = FakePlan.AllRecipients(Some.Disclaimer());
        var after = target.Process(Some.Envelope(), FakeOrganization.Contoso, Some.Message(), CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, before.Outcome);
        Assert.Equal(ProcessingOutcome.Changed, after.Outcome);
    }

    [Fact]
    public void Process_NullArguments_NeverThrow()
    {
        var target = CreateTarget(FakePlan.AllRecipients(Some.Disclaimer()));

        var result = target.Process(null!, FakeOrganization.Contoso, null!, CancellationToken.None);

        Assert.Equal(ProcessingOutcome.Unchanged, result.Outcome);
        Assert.Single(_log.WithEventId((int)LogEventId.UnexpectedFailure));
    }

    private MessageProcessor CreateTarget(IRulePlan? plan, ProcessingOptions? options = null) =>
        new(() => plan, _editor, null, options ?? ProcessingOptions.Default, CreateLogger(), _clock);

    private Logger CreateLogger() => new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(_log).CreateLogger();

    private static string ReadAll(Stream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true);
        return reader.ReadToEnd();
    }
}
