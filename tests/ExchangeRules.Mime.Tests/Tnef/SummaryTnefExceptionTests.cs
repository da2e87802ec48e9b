using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.ExceptionServices;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using ExchangeRules.Harness.Tnef;
using Xunit;

namespace ExchangeRules.Mime.Tests.Tnef;

/// <summary>
/// The normal path of stamping a Summary TNEF message throws no exception, not even one caught inside: reading the
/// message (its traits), decoding the stream, editing the bodies, adding the logo, encoding and MimeKit's read-back
/// check. An exception thrown and caught per message costs more than the rest of the TNEF work (target 8 of
/// docs/performance.md), so a regression here is caught by counting, not by timing.
/// </summary>
public class SummaryTnefExceptionTests
{
    private static readonly byte[] _png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Theory]
    [InlineData("outlook-word-reply.eml", MailboxBodyFormat.Html)]
    [InlineData("plain-reply-en.eml", MailboxBodyFormat.Plain)]
    [InlineData("plain-reply-en.eml", MailboxBodyFormat.Rtf)]
    public void Apply_SignatureWithLogoIntoSummaryTnef_ThrowsNoExceptionOnTheWay(string fixture, MailboxBodyFormat format)
    {
        var original = SummaryTnefMessages.FromFixture(fixture, format);
        var logo = new InlineImage("logo@contoso.example", "logo.png", "image/png", _png);
        var signature = Stamping.Signature(images: new[] { logo }, html: "<p><img src=\"cid:logo@contoso.example\" alt=\"Contoso\"> Jan Schmidt</p>");
        var header = new HeaderAction("Tag", FailurePolicy.FailOpen, "X-Tag", "1");
        var editor = new MimeMessageEditor();

        // Warmed up once: first calls may initialise code pages and caches, which is not per-message work.
        Stamp(editor, original, signature, header);
        var thrown = new List<string>();
        var thread = Environment.CurrentManagedThreadId;
        void Count(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                thrown.Add($"{e.Exception.GetType().Name}: {e.Exception.Message}{Environment.NewLine}{Environment.StackTrace}");
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        EditResult result;
        try
        {
            result = Stamp(editor, original, signature, header);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.True(result.Changed);
        Assert.Contains(result.Outcomes, o => o.Status == ActionStatus.Applied && o.Detail.StartsWith("Summary TNEF (winmail.dat): ", StringComparison.Ordinal));
        Assert.True(thrown.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, thrown));
    }

    private static EditResult Stamp(MimeMessageEditor editor, byte[] original, params PlannedAction[] actions)
    {
        using var input = new MemoryStream(original, writable: false);
        using var output = new MemoryStream();
        var content = editor.Read(input, SubmissionOrigin.Authenticated);
        _ = content.Traits;
        return editor.Apply(content, actions, output);
    }
}
