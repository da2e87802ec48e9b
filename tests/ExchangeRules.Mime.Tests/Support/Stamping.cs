using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using MimeKit;

namespace ExchangeRules.Mime.Tests.Support;

/// <summary>Builds actions and runs the editor over fixtures.</summary>
internal static class Stamping
{
    public const string SignatureRule = "Corporate signature";
    public const string SignatureText = "Jan Schmidt | Contoso Ltd. | +49 89 1234 5678";
    public const string SignatureHtml = "<p style=\"font-family:Arial\"><b>Jan Schmidt</b> | Contoso Ltd. | +49 89 1234 5678</p>";

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "messages", name);

    public static InsertContentAction Signature(Placement placement = Placement.UnderNewestReply, bool skipIfPresent = true, IReadOnlyList<InlineImage>? images = null, string html = SignatureHtml, string text = SignatureText) =>
        new(SignatureRule, FailurePolicy.FailOpen, InsertionKind.Signature, html, text, placement, skipIfPresent, images ?? Array.Empty<InlineImage>());

    public static InsertContentAction Disclaimer() =>
        new("Legal disclaimer", FailurePolicy.FailOpen, InsertionKind.Disclaimer,
            "<p style=\"font-size:8pt;color:#666\">This e-mail is confidential. If you are not the intended recipient, please delete it.</p>",
            "This e-mail is confidential. If you are not the intended recipient, please delete it.",
            Placement.Bottom, false, Array.Empty<InlineImage>());

    public static InsertContentAction Banner() =>
        new("External banner", FailurePolicy.FailOpen, InsertionKind.Banner,
            "<table role=\"presentation\" style=\"border:1px solid #c00\"><tr><td>CAUTION: external sender.</td></tr></table>",
            "CAUTION: external sender.",
            Placement.Top, false, Array.Empty<InlineImage>());

    public static StampRun Run(string fixture, params PlannedAction[] actions) =>
        Run(File.ReadAllBytes(FixturePath(fixture)), new MimeMessageEditor(), SubmissionOrigin.Authenticated, actions);

    public static StampRun Run(byte[] original, MimeMessageEditor editor, SubmissionOrigin origin, params PlannedAction[] actions)
    {
        using var input = new MemoryStream(original, writable: false);
        using var output = new MemoryStream();
        var content = editor.Read(input, origin);
        var result = editor.Apply(content, actions, output);
        return new StampRun(original, result, output.ToArray());
    }
}

internal sealed class StampRun
{
    public StampRun(byte[] original, EditResult result, byte[] output)
    {
        Original = original;
        Result = result;
        Output = output;
    }

    public byte[] Original { get; }

    public EditResult Result { get; }

    public byte[] Output { get; }

    public MimeMessage Parsed => MimeMessage.Load(new MemoryStream(Output));

    public string Html => Parsed.HtmlBody ?? string.Empty;

    public string Text => Parsed.TextBody ?? string.Empty;

    public ActionOutcome Outcome(int index = 0) => Result.Outcomes[index];

    public string Details => string.Join(" | ", Result.Outcomes.Select(o => $"{o.Status}: {o.Detail}"));
}
