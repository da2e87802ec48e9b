using System;
using ExchangeRules.Engine.Templates;
using Xunit;

namespace ExchangeRules.Templates.Tests;

/// <summary>
/// Placeholders where no encoding makes a directory value safe (script, style, event handlers, script URLs) are
/// refused when the rules load, with the line and column of the placeholder; safe places still compile and encode.
/// </summary>
public sealed class TemplateContextTests
{
    private static TemplateCompileException Refused(string template) =>
        Assert.Throws<TemplateCompileException>(() => new FluidTemplateCompiler().Compile(template, TemplateFormat.Html, "sig.html"));

    [Theory]
    [InlineData("<script>var n = '{{ sender.displayName }}';</script>", "inside <script>")]
    [InlineData("<SCRIPT type=\"text/javascript\">\n{{ sender.title }}</SCRIPT>", "inside <script>")]
    [InlineData("<style>.x { background: url({{ sender.website }}) }</style>", "inside <style>")]
    [InlineData("<p style=\"color: {{ sender.department }}\">x</p>", "style attribute")]
    [InlineData("<p STYLE='{{ sender.department }}'>x</p>", "style attribute")]
    [InlineData("<img src=\"x.png\" onerror=\"{{ sender.title }}\">", "event-handler attribute 'onerror'")]
    [InlineData("<a onClick={{ sender.title }}>x</a>", "event-handler attribute 'onclick'")]
    [InlineData("<a href=\"javascript:{{ sender.title }}\">x</a>", "'javascript:'")]
    [InlineData("<a href=\" JavaScript:void({{ sender.title }})\">x</a>", "'javascript:'")]
    [InlineData("<a href=\"jav&#x61;script:{{ sender.title }}\">x</a>", "'javascript:'")]
    [InlineData("<a href=\"java\tscript:{{ sender.title }}\">x</a>", "'javascript:'")]
    [InlineData("<a href=\"vbscript:{{ sender.title }}\">x</a>", "'vbscript:'")]
    [InlineData("<img src=\"data:image/svg+xml,{{ sender.title }}\">", "'data:'")]
    [InlineData("<a href=\"java{{ sender.title }}\">x</a>", "must start the value")]
    [InlineData("<a href=\"{{ sender.website }}{{ sender.title }}\">x</a>", "must start the value")]
    [InlineData("<a href=\"{% if sender.mobile %}tel:{% endif %}{{ sender.title }}\">x</a>", "must start the value")]
    [InlineData("<a {% if sender.mobile %}onclick{% else %}title{% endif %}=\"{{ sender.title }}\">x</a>", "name Liquid decides")]
    [InlineData("<{{ sender.title }}>", "inside an HTML tag")]
    [InlineData("<p {{ sender.title }}>", "inside an HTML tag")]
    [InlineData("<iframe srcdoc=\"{{ sender.title }}\"></iframe>", "srcdoc")]
    [InlineData("<!--[if mso]><style>td { font-family: {{ sender.title }} }</style><![endif]-->", "inside <style>")]
    [InlineData("<!--[if gte mso 9]><v:rect style=\"width:{{ sender.title }}\"/><![endif]-->", "style attribute")]
    public void Compile_PlaceholderWhereNoEncodingIsSafe_IsRefusedWithItsLocation(string template, string expected)
    {
        var exception = Refused(template);

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        var placeholder = template.IndexOf("{{", StringComparison.Ordinal);
        var lastPlaceholder = template.LastIndexOf("{{", StringComparison.Ordinal);
        var lines = template.Substring(0, lastPlaceholder).Split('\n');
        Assert.Equal(lines.Length, exception.Line);
        Assert.True(exception.Column == lines[^1].Length + 1 || (placeholder != lastPlaceholder && exception.Line == 1), exception.Message);
        Assert.StartsWith($"sig.html:{exception.Line}:{exception.Column}: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_PlaceholderOnALaterLine_IsLocatedThere()
    {
        var exception = Refused("<table>\n  <tr>\n    <td style=\"x\" onmouseover=\"{{ sender.title }}\">");

        Assert.Equal(3, exception.Line);
        Assert.Equal(32, exception.Column);
    }

    [Fact]
    public void Compile_ExchangeTokenInScript_IsRefusedToo()
    {
        Assert.Contains("inside <script>", Refused("<script>%%DisplayName%%</script>").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p>{{ sender.displayName }}</p><script>var x = 1;</script><p>{{ sender.title }}</p>")]
    [InlineData("<style>p { color: red }</style><p title=\"{{ sender.title }}\">{{ sender.displayName }}</p>")]
    [InlineData("<a href=\"mailto:{{ sender.email }}\">{{ sender.email }}</a>")]
    [InlineData("<a href=\"https://contoso.com/people?u={{ sender.email }}\">profile</a>")]
    [InlineData("<a href=\"/people/{{ sender.email }}\">profile</a>")]
    [InlineData("<a href=\"{{ sender.website }}\">{{ sender.website }}</a>")]
    [InlineData("<!-- {{ sender.title }} --><p data-note=\"{{ sender.title }}\">x</p>")]
    [InlineData("{% if sender.title != \"<script>\" %}<p>{{ sender.title }}</p>{% endif %}")]
    [InlineData("<p class=\"one\" style=\"color: red\" >{{ sender.title }}</p>")]
    public void Compile_SafePlaces_CompileAndEncode(string template)
    {
        var output = SampleOrganization.Render(template, "mallory.script@contoso.com");

        Assert.DoesNotContain("<script>alert", output, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror=alert", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_TextTemplate_HasNoHtmlContexts()
    {
        var output = SampleOrganization.Render("<script>{{ sender.title }}</script>", "mallory.script@contoso.com", TemplateFormat.Text);

        Assert.Contains("alert", output, StringComparison.Ordinal);
    }
}
