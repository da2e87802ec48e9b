using System;
using System.Linq;
using ExchangeRules.Engine.Actions;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests;

public class CharsetTests
{
    [Fact]
    public void Apply_Latin1HtmlAndCjkSignature_ReencodesAsUtf8AndUpdatesMetaCharset()
    {
        var action = Stamping.Signature(html: "<p>Jan Schmidt · 東京オフィス</p>", text: "Jan Schmidt · 東京オフィス");

        var run = Stamping.Run("owa-reply-appendonsend.eml", action);

        var html = Assert.Single(run.Parsed.BodyParts.OfType<TextPart>(), p => p.IsHtml);
        Assert.Equal("utf-8", html.ContentType.Charset);
        Assert.Equal(ContentEncoding.QuotedPrintable, html.ContentTransferEncoding);
        Assert.Contains("charset=utf-8", html.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("charset=iso-8859-1", html.Text, StringComparison.Ordinal);
        Assert.Contains("東京オフィス", html.Text, StringComparison.Ordinal);
        Assert.Contains("see you on Thursday", html.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Base64HtmlPart_StaysBase64WithShortLines()
    {
        var run = Stamping.Run("outlook-word-forward.eml", Stamping.Signature());

        var html = Assert.Single(run.Parsed.BodyParts.OfType<TextPart>(), p => p.IsHtml);
        Assert.Equal(ContentEncoding.Base64, html.ContentTransferEncoding);
        Assert.All(System.Text.Encoding.ASCII.GetString(run.Output).Split("\r\n"), line => Assert.True(line.Length <= 998));
    }
}
