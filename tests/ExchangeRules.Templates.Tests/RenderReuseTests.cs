using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;
using Xunit;

namespace ExchangeRules.Templates.Tests;

public class RenderReuseTests
{
    [Theory]
    [InlineData("{{ sender.displayName }} | {{ sender.title | upcase }}")]
    [InlineData("{% if sender.mobile %}M {{ sender.mobile | tel }}{% endif %} {{ manager.displayName }}")]
    [InlineData("%%DisplayName%% on behalf of {{ onBehalfOf.displayName }} {{ mailbox.title }}")]
    [InlineData("Contoso Ltd., no placeholders at all")]
    public void Compile_TemplateOfPeopleOnly_ReusesRenders(string source)
    {
        Assert.True(Compile(source).ReusesRenders);
    }

    [Theory]
    [InlineData("{{ sender.displayName }} re {{ message.subject }}")]
    [InlineData("{{ rule }}")]
    [InlineData("{{ now | date: '%Y' }}")]
    [InlineData("{{ 'now' | date: '%Y' }}")]
    [InlineData("{% assign name = sender.displayName %}{{ name }}")]
    [InlineData("{% for address in sender.proxyAddresses %}{{ address }}{% endfor %}")]
    public void Compile_TemplateThatReadsMoreThanPeople_RendersEveryTime(string source)
    {
        Assert.False(Compile(source).ReusesRenders);
    }

    [Fact]
    public void Compile_EveryKindOfTag_IsWalkedWithoutError()
    {
        // The dependency walk must never turn a valid template into a compile error.
        const string Source = "{% comment %}c{% endcomment %}{% raw %}{{ x }}{% endraw %}{% unless sender.mobile %}-{% endunless %}"
            + "{% case sender.title %}{% when 'CEO' %}ceo{% else %}other{% endcase %}{% capture c %}{{ sender.city }}{% endcapture %}"
            + "{% cycle 'a', 'b' %}{% increment n %}{% decrement m %}{% tablerow p in sender.proxyAddresses %}{{ p }}{% endtablerow %}"
            + "{% for i in (1..2) %}{% if forloop.first %}{% break %}{% else %}{% continue %}{% endif %}{% endfor %}{%- if sender.phone -%} {{ sender.phone | tel }} {%- endif -%}";

        var template = Compile(Source);

        Assert.False(template.ReusesRenders);
        Assert.StartsWith("{{ x }}other", template.Render(SampleOrganization.Model("megan.bowen@contoso.com")), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameSenderAgain_ReturnsTheSameOutput()
    {
        var template = Compile("{{ sender.displayName }}, {{ sender.title }}");
        var first = template.Render(SampleOrganization.Model("megan.bowen@contoso.com"));

        var second = template.Render(SampleOrganization.Model("megan.bowen@contoso.com"));

        Assert.Equal("Megan Bowen, Chief Executive Officer", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Render_AnotherSender_RendersTheirOwnValues()
    {
        var template = Compile("{{ sender.displayName }}");
        template.Render(SampleOrganization.Model("megan.bowen@contoso.com"));

        Assert.Equal("Adele Vance", template.Render(SampleOrganization.Model("adele.vance@contoso.com")));
        Assert.Equal("Megan Bowen", template.Render(SampleOrganization.Model("megan.bowen@contoso.com")));
    }

    [Fact]
    public void Render_SameSenderOnBehalfOfAnotherMailbox_RendersAfresh()
    {
        var template = Compile("{{ sender.displayName }} for {{ onBehalfOf.displayName }}");
        var megan = SampleOrganization.Entry("megan.bowen@contoso.com");
        Assert.Equal("Adele Vance for ", template.Render(SampleOrganization.Model("adele.vance@contoso.com")));

        var output = template.Render(SampleOrganization.Model("adele.vance@contoso.com", onBehalfOf: megan));

        Assert.Equal("Adele Vance for Megan Bowen", output);
    }

    [Fact]
    public void Render_SenderNotInTheDirectory_UsesTheFromHeaderEachTime()
    {
        var template = Compile("{{ sender.displayName }} <{{ sender.email }}>");
        var first = new TemplateModel { SenderAddress = "a@fabrikam.example", SenderDisplayName = "A", Now = DateTimeOffset.UnixEpoch };
        var second = new TemplateModel { SenderAddress = "b@fabrikam.example", SenderDisplayName = "B", Now = DateTimeOffset.UnixEpoch };

        Assert.Equal("A <a@fabrikam.example>", template.Render(first));
        Assert.Equal("B <b@fabrikam.example>", template.Render(second));
    }

    [Fact]
    public void Render_SameEntryWithAnotherFromHeaderName_RendersAfresh()
    {
        // The From header's name stands in for an entry without a display name: a new name must not be masked.
        var template = Compile("{{ sender.displayName }}");
        var entry = new DirectoryEntry("CN=Shared,DC=contoso,DC=com", new Dictionary<string, IReadOnlyList<string>> { ["mail"] = ["shared@contoso.com"] });

        var first = template.Render(new TemplateModel { SenderAddress = "shared@contoso.com", SenderDisplayName = "Front Desk", Sender = entry });
        var second = template.Render(new TemplateModel { SenderAddress = "shared@contoso.com", SenderDisplayName = "Reception", Sender = entry });

        Assert.Equal("Front Desk", first);
        Assert.Equal("Reception", second);
    }

    private static CompiledTemplate Compile(string source) =>
        (CompiledTemplate)new FluidTemplateCompiler().Compile(source, TemplateFormat.Text, "test.txt");
}
