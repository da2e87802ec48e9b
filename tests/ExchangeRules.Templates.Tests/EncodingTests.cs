using ExchangeRules.Engine.Templates;
using Xunit;

namespace ExchangeRules.Templates.Tests;

public class EncodingTests
{
    private const string _mallory = "mallory.script@contoso.com";

    [Fact]
    public void Render_ScriptInTitle_IsEncodedAsText()
    {
        var output = SampleOrganization.Render("<p>{{ sender.title }}</p>", _mallory);

        Assert.Equal("<p>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</p>", output);
    }

    [Fact]
    public void Render_ExchangeTokenWithMarkup_IsEncodedToo()
    {
        Assert.Equal("<b>Mallory &lt;b&gt;Script&lt;/b&gt;</b>", SampleOrganization.Render("<b>%%DisplayName%%</b>", _mallory));
    }

    [Fact]
    public void Render_AttributeBreakoutAttempt_StaysInsideTheAttribute()
    {
        var output = SampleOrganization.Render("<img alt=\"{{ sender.department }}\">", _mallory);

        Assert.Equal("<img alt=\"&quot;&gt;&lt;img&#32;src&#61;x&#32;onerror&#61;alert(1)&gt;\">", output);
    }

    [Fact]
    public void Render_RawFilter_CannotBypassEncoding()
    {
        Assert.DoesNotContain("<script>", SampleOrganization.Render("{{ sender.title | raw }}", _mallory), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Render_JavascriptUrlInHref_IsDroppedWithItsLine()
    {
        var output = SampleOrganization.Render("<a href=\"{{ sender.website }}\">Web</a><br>\nEnd", _mallory);

        Assert.Equal("End", output);
    }

    [Theory]
    [InlineData("https://www.contoso.com/a?b=1&c=2", "https://www.contoso.com/a?b&#61;1&amp;c&#61;2")]
    [InlineData("http://contoso.com", "http://contoso.com")]
    [InlineData("www.contoso.com", "https://www.contoso.com")]
    [InlineData("mailto:someone@contoso.com", "mailto:someone@contoso.com")]
    [InlineData("tel:+14255550100", "tel:+14255550100")]
    [InlineData("javascript:alert(1)", "")]
    [InlineData("JaVaScRiPt:alert(1)", "")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=", "")]
    [InlineData("vbscript:msgbox", "")]
    [InlineData("https://x.com/\"onmouseover=\"alert(1)", "")]
    [InlineData("file:///etc/passwd", "")]
    public void Render_UrlInHref_OnlyAllowedSchemesPass(string url, string expected)
    {
        var entry = new ExchangeRules.Engine.Directory.DirectoryEntry(
            "CN=U", new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<string>> { ["wWWHomePage"] = new[] { url } });
        var template = new FluidTemplateCompiler().Compile("<a href=\"{{ sender.website }}\">x</a>", TemplateFormat.Html, "t");

        var output = template.Render(new TemplateModel { Sender = entry });

        Assert.Equal(expected.Length == 0 ? string.Empty : "<a href=\"" + expected + "\">x</a>", output);
    }

    [Fact]
    public void Render_MailtoWithStaticPrefix_EncodesTheAddress()
    {
        Assert.Equal(
            "<a href=\"mailto:megan.bowen@contoso.com\">megan.bowen@contoso.com</a>",
            SampleOrganization.Render("<a href=\"mailto:{{ sender.email }}\">{{ sender.email }}</a>", "megan.bowen@contoso.com"));
    }

    [Fact]
    public void Render_ValueWithLiquidSyntax_IsNotEvaluated()
    {
        var output = SampleOrganization.Render("{{ sender.notes }}", _mallory, TemplateFormat.Text);

        Assert.Equal("{{ sender.title }} {% raw %} %%Title%%", output);
    }

    [Fact]
    public void Render_TextFormat_DoesNotEncode()
    {
        Assert.Equal("Contoso & \"Partners\" <Ltd>", SampleOrganization.Render("{{ sender.company }}", _mallory, TemplateFormat.Text));
    }

    [Fact]
    public void Render_SubjectInHtml_IsEncoded()
    {
        Assert.Equal("Quarterly &lt;numbers&gt;", SampleOrganization.Render("{{ message.subject }}", _mallory));
    }

    [Fact]
    public void Render_MultiLineValueInHtml_BecomesLineBreaks()
    {
        var entry = new ExchangeRules.Engine.Directory.DirectoryEntry(
            "CN=U", new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<string>> { ["streetAddress"] = new System.Collections.Generic.List<string> { "1 Way\r\nBuilding <7>" } });
        var output = new FluidTemplateCompiler().Compile("{{ sender.street }}", TemplateFormat.Html, "t").Render(new TemplateModel { Sender = entry });

        Assert.Equal("1 Way<br>Building &lt;7&gt;", output);
    }

    [Theory]
    [InlineData("<td {{ sender.title }}>x</td>")]
    [InlineData("<a {{ sender.website }} href=\"#\">x</a>")]
    public void Compile_PlaceholderBetweenAttributes_IsRefused(string template)
    {
        var error = Assert.Throws<TemplateCompileException>(() => new FluidTemplateCompiler().Compile(template, TemplateFormat.Html, "sig.html"));

        Assert.Equal(1, error.Line);
    }

    [Theory]
    [InlineData("{% include 'other' %}", "include")]
    [InlineData("{% render 'other' %}", "render")]
    [InlineData("{% layout 'x' %}", "layout")]
    [InlineData("{%- echo sender.title -%}", "echo")]
    [InlineData("{% liquid echo sender.title %}", "liquid")]
    public void Compile_TagsReachingFilesOrBypassingEncoding_AreRefused(string template, string tag)
    {
        var error = Assert.Throws<TemplateCompileException>(() => new FluidTemplateCompiler().Compile("ok\n" + template, TemplateFormat.Html, "sig.html"));

        Assert.Contains("'" + tag + "'", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Render_EndlessLoop_IsStoppedByTheStepLimit()
    {
        var template = new FluidTemplateCompiler(new TemplateCompilerOptions { MaxSteps = 500 })
            .Compile("{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}", TemplateFormat.Text, "loop.txt");

        var error = Assert.Throws<System.InvalidOperationException>(() => template.Render(new TemplateModel()));
        Assert.Contains("loop.txt", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HugeOutput_IsStoppedByTheOutputLimit()
    {
        var template = new FluidTemplateCompiler(new TemplateCompilerOptions { MaxOutputLength = 1000, MaxSteps = 1_000_000 })
            .Compile("{% for i in (1..5000) %}0123456789{% endfor %}", TemplateFormat.Text, "big.txt");

        var error = Assert.Throws<System.InvalidOperationException>(() => template.Render(new TemplateModel()));
        Assert.Contains("1000", error.Message, System.StringComparison.Ordinal);
    }
}
