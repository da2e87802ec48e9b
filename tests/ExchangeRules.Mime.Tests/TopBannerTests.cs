using System;
using System.Text;
using ExchangeRules.Engine.Editing;
using ExchangeRules.Engine.Messages;
using Xunit;

namespace ExchangeRules.Mime.Tests;

/// <summary>
/// A top banner goes at the top of the rendered body in every HTML shape (issue #19 item 4): fragments without a
/// <c>&lt;body&gt;</c> tag (Gmail), and documents whose head holds a <c>&lt;body&gt;</c> that is no body tag (inside a
/// template, noframes, iframe, comment or style).
/// </summary>
public class TopBannerTests
{
    [Theory]
    [InlineData("Hello there,<br><br>Thanks<div class=\"gmail_quote\">On Mon wrote:</div>", "", "Hello there")]
    [InlineData("<div dir=\"ltr\">Hello there,<div><br></div><div>Thanks</div></div>", "", "<div dir=\"ltr\">Hello")]
    [InlineData("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>p{margin:0}</style></head>Hello <b>there</b></html>", "</head>", "Hello <b>")]
    [InlineData("<html><head><title>t</title><!-- <body> --></head><p>Hello there</p></html>", "<body> -->", "<p>Hello")]
    [InlineData("<html><head><template><body><p>Template</p></body></template></head><body><p>Real body</p></body></html>", "</template></head><body>", "<p>Real body")]
    [InlineData("<html><head><noframes><body>No frames</body></noframes></head><body><p>Real body</p></body></html>", "</noframes></head><body>", "<p>Real body")]
    [InlineData("<html><head><style>/* <body> */</style></head><body class=\"x\"><p>Real body</p></body></html>", "<body class=\"x\">", "<p>Real body")]
    [InlineData("<html><head></head><iframe srcdoc=\"x\"><body>frame</body></iframe><p>After the frame</p></html>", "<head></head>", "<iframe")]
    public void Apply_TopBanner_GoesAtTheTopOfTheRenderedBody(string html, string mustPrecede, string mustFollow)
    {
        var message = "From: Someone <someone@fabrikam.com>\r\nTo: bob@contoso.com\r\nSubject: hi\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + html + "\r\n";

        var run = Stamping.Run(Encoding.UTF8.GetBytes(message), new MimeMessageEditor(), SubmissionOrigin.Anonymous, Stamping.Banner());

        Assert.Equal(ActionStatus.Applied, run.Outcome().Status);
        var stamped = run.Html;
        var banner = stamped.IndexOf("<div data-exr-rule=\"External banner\"", StringComparison.Ordinal);
        Assert.True(banner >= 0, stamped);
        Assert.True(stamped.IndexOf(mustPrecede, StringComparison.Ordinal) + mustPrecede.Length <= banner, $"the banner must come after '{mustPrecede}': {stamped}");
        Assert.True(stamped.IndexOf(mustFollow, banner, StringComparison.Ordinal) > banner, $"'{mustFollow}' must follow the banner: {stamped}");
    }
}
