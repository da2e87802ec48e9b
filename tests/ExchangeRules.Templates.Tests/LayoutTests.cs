using System.Collections.Generic;
using ExchangeRules.Engine.Directory;
using ExchangeRules.Engine.Templates;
using Xunit;

namespace ExchangeRules.Templates.Tests;

public class LayoutTests
{
    private const string _megan = "megan.bowen@contoso.com";
    private const string _eddie = "eddie.empty@contoso.com";

    private const string _textSignature =
        "{{ sender.displayName }}\n" +
        "{{ sender.title }}, {{ sender.department }}\n" +
        "Phone: {{ sender.phone }}\n" +
        "Mobile: {{ sender.mobile }}\n" +
        "Contoso Ltd.\n";

    [Fact]
    public void Render_TextLineWithOnlyEmptyPlaceholders_Disappears()
    {
        Assert.Equal("From Header Name\nContoso Ltd.\n", SampleOrganization.Render(_textSignature, _eddie, TemplateFormat.Text));
    }

    [Fact]
    public void Render_TextLineWithSomeValues_Stays()
    {
        Assert.Equal(
            "Megan Bowen\nChief Executive Officer, Executive\nPhone: +1 425 555 0100\nMobile: +1 425 555 0101\nContoso Ltd.\n",
            SampleOrganization.Render(_textSignature, _megan, TemplateFormat.Text));
    }

    [Fact]
    public void Render_HtmlTableRowWithOnlyEmptyPlaceholders_Disappears()
    {
        const string template =
            "<table>\n" +
            "  <tr><td>Name</td><td>{{ sender.displayName }}</td></tr>\n" +
            "  <tr>\n    <td>Mobile</td>\n    <td>{{ sender.mobile }}</td>\n  </tr>\n" +
            "</table>";

        Assert.Equal("<table>\n  <tr><td>Name</td><td>From Header Name</td></tr>\n</table>", SampleOrganization.Render(template, _eddie));
    }

    [Fact]
    public void Render_HtmlBrTerminatedLine_Disappears()
    {
        const string template = "<p>{{ sender.displayName }}<br>Tel. {{ sender.phone }}<br/>Fax {{ sender.fax }}<br>\nContoso</p>";

        Assert.Equal("<p>From Header Name<br>Contoso</p>", SampleOrganization.Render(template, _eddie));
    }

    [Fact]
    public void Render_HtmlParagraphAndListItem_Disappear()
    {
        const string template = "<div><p>Title: {{ sender.title }}</p><ul><li>{{ sender.mobile }}</li><li>{{ sender.email }}</li></ul></div>";

        Assert.Equal("<div><ul><li>eddie.empty@contoso.com</li></ul></div>", SampleOrganization.Render(template, _eddie));
    }

    [Fact]
    public void Render_LineThatWouldBreakMarkup_IsKept()
    {
        const string template = "<span class=\"m\">{{ sender.mobile }}\n</span>";

        // The line holding the placeholder also opens the span: removing it would break the markup.
        Assert.Equal("<span class=\"m\">\n</span>", SampleOrganization.Render(template, _eddie));
    }

    [Fact]
    public void Render_LineWithoutPlaceholders_AlwaysStays()
    {
        Assert.Equal("\nStatic\n", SampleOrganization.Render("\nStatic\n{{ sender.mobile }}\n", _eddie, TemplateFormat.Text));
    }

    [Fact]
    public void Render_IfBlock_ShowsOnlyWhenTheValueExists()
    {
        const string template = "{% if sender.mobile %}M: {{ sender.mobile }}{% else %}no mobile{% endif %}";

        Assert.Equal("M: +1 425 555 0101", SampleOrganization.Render(template, _megan));
        Assert.Equal("no mobile", SampleOrganization.Render(template, _eddie));
    }

    [Fact]
    public void Render_ConditionOnValue_Compares()
    {
        const string template = "{% if sender.department == 'Executive' %}Board{% elsif sender.manager %}Staff{% else %}Unknown{% endif %}";

        Assert.Equal("Board", SampleOrganization.Render(template, _megan));
        Assert.Equal("Staff", SampleOrganization.Render(template, "adele.vance@contoso.com"));
        Assert.Equal("Unknown", SampleOrganization.Render(template, _eddie));
    }

    [Fact]
    public void Render_UnlessAndCase_Work()
    {
        const string template = "{% unless manager %}top{% endunless %}|{% case sender.state %}{% when 'WA' %}Washington{% else %}elsewhere{% endcase %}";

        Assert.Equal("top|Washington", SampleOrganization.Render(template, _megan, TemplateFormat.Text));
    }

    [Fact]
    public void Render_TagOnlyLines_LeaveNoBlankLines()
    {
        const string template = "A\n{% if sender.mobile %}\nM: {{ sender.mobile }}\n{% endif %}\nB\n";

        Assert.Equal("A\nB\n", SampleOrganization.Render(template, _eddie, TemplateFormat.Text));
        Assert.Equal("A\nM: +1 425 555 0101\nB\n", SampleOrganization.Render(template, _megan, TemplateFormat.Text));
    }

    [Fact]
    public void Render_DefaultFilter_FillsAnEmptyValueAndKeepsTheLine()
    {
        Assert.Equal("Mobile: n/a", SampleOrganization.Render("Mobile: {{ sender.mobile | default: 'n/a' }}", _eddie, TemplateFormat.Text));
    }

    [Theory]
    [InlineData("{{ sender.lastName | upcase }}", "BOWEN")]
    [InlineData("{{ sender.lastName | upper }}", "BOWEN")]
    [InlineData("{{ sender.lastName | downcase }}", "bowen")]
    [InlineData("{{ sender.lastName | lower }}", "bowen")]
    [InlineData("{{ sender.department | capitalize }}", "Executive")]
    [InlineData("{{ sender.phone | phone }}", "+1 425 555 0100")]
    [InlineData("{{ sender.phone | phone: '+# (###) ###-####' }}", "+1 (425) 555-0100")]
    [InlineData("{{ sender.phone | phone: '##-##' }}", "+1 425 555 0100")]
    [InlineData("{{ sender.phone | tel }}", "tel:+14255550100")]
    [InlineData("{{ sender.email | mailto }}", "mailto:megan.bowen@contoso.com")]
    [InlineData("{{ sender.website | url }}", "https://www.contoso.com")]
    [InlineData("{{ sender.firstName | append: ' ' | append: sender.lastName }}", "Megan Bowen")]
    public void Render_Filters_FormatValues(string template, string expected)
    {
        Assert.Equal(expected, SampleOrganization.Render(template, _megan, TemplateFormat.Text));
    }

    [Fact]
    public void Render_PhoneFilter_NormalisesSeparators()
    {
        Assert.Equal("+44 20 7946 0018", TemplateFilters.FormatPhone(" +44 (20) 7946-0018 ", null));
    }

    [Fact]
    public void Render_TelLink_ValidatesAsUrl()
    {
        Assert.Equal(
            "<a href=\"tel:+14255550100\">+1 425 555 0100</a>",
            SampleOrganization.Render("<a href=\"{{ sender.phone | tel }}\">{{ sender.phone }}</a>", _megan));
    }

    [Fact]
    public void Render_Photo_IsACidReferenceTheEngineCanEmbed()
    {
        var model = SampleOrganization.Model(_megan);
        var html = new FluidTemplateCompiler().Compile("<img src=\"{{ sender.photo }}\" alt=\"\">", TemplateFormat.Html, "t").Render(model);

        var images = DirectoryPhotos.ReferencedBy(model, html);

        var image = Assert.Single(images);
        Assert.Equal("<img src=\"cid:" + image.ContentId + "\" alt=\"\">", html);
        Assert.Equal("image/png", image.MediaType);
        Assert.Same(model.Sender!.Photo, image.Content);
    }

    [Fact]
    public void Render_PhotoMissing_DropsTheImageLine()
    {
        Assert.Equal("Eddie", SampleOrganization.Render("<img src=\"{{ sender.photo }}\"><br>\nEddie", _eddie));
    }

    [Fact]
    public void Render_PhotoLargerThanAdAllows_RendersNoPhoto()
    {
        var photo = new byte[DirectoryPhotos.MaxPhotoBytes + 1];
        photo[0] = 0xFF;
        var entry = new DirectoryEntry("CN=Big,DC=contoso,DC=com", new Dictionary<string, IReadOnlyList<string>> { ["displayName"] = ["Big"] }, photo);

        var model = new TemplateModel { SenderAddress = "big@contoso.com", Sender = entry };

        var html = new FluidTemplateCompiler().Compile("<img src=\"{{ sender.photo }}\"><br>\n{{ sender.displayName }}", TemplateFormat.Html, "t").Render(model);

        Assert.Equal("Big", html);
        Assert.Null(DirectoryPhotos.ImageFor(photo));
    }

    [Fact]
    public void ImageFor_SamePhotoTwice_ReturnsTheSameImage()
    {
        var photo = SampleOrganization.Model(_megan).Sender!.Photo;

        Assert.Same(DirectoryPhotos.ImageFor(photo), DirectoryPhotos.ImageFor(photo));
    }

    [Fact]
    public void ReferencedBy_PhotoNotReferenced_ReturnsNone()
    {
        Assert.Empty(DirectoryPhotos.ReferencedBy(SampleOrganization.Model(_megan), "<p>no photo</p>"));
    }

    [Fact]
    public void CompileTextFromHtml_DerivesReadableText()
    {
        const string html =
            "<table><tr><td><b>{{ sender.displayName }}</b><br>{{ sender.title }}</td></tr>" +
            "<tr><td>Mobile: {{ sender.mobile }}</td></tr>" +
            "<tr><td><a href=\"{{ sender.website }}\">Our website</a> &amp; <a href=\"mailto:{{ sender.email }}\">{{ sender.email }}</a></td></tr></table>";

        var text = new FluidTemplateCompiler().CompileTextFromHtml(html, "sig.html").Render(SampleOrganization.Model(_megan));

        Assert.Equal(
            "Megan Bowen\r\nChief Executive Officer\r\nMobile: +1 425 555 0101\r\nOur website <https://www.contoso.com> & megan.bowen@contoso.com",
            text);
    }

    [Fact]
    public void CompileTextFromHtml_EmptyLinesVanishToo()
    {
        const string html = "<p>{{ sender.displayName }}</p><p>Mobile: {{ sender.mobile }}</p><p>Contoso</p>";

        Assert.Equal("From Header Name\r\n\r\nContoso", new FluidTemplateCompiler().CompileTextFromHtml(html, "s").Render(SampleOrganization.Model(_eddie)));
    }

    [Fact]
    public void Render_CompiledTemplate_IsReusableAcrossModels()
    {
        var template = new FluidTemplateCompiler().Compile("{{ sender.firstName | default: sender.displayName }}", TemplateFormat.Text, "t");

        Assert.Equal("Megan", template.Render(SampleOrganization.Model(_megan)));
        Assert.Equal("From Header Name", template.Render(SampleOrganization.Model(_eddie)));
    }

    [Fact]
    public void Render_FromManyThreads_GivesEachModelItsOwnOutput()
    {
        var template = new FluidTemplateCompiler().Compile("<p>{{ sender.displayName }}</p><p>{{ sender.mobile }}</p>", TemplateFormat.Html, "t");
        var megan = SampleOrganization.Model(_megan);
        var eddie = SampleOrganization.Model(_eddie);
        var outputs = new string[200];

        System.Threading.Tasks.Parallel.For(0, outputs.Length, i => outputs[i] = template.Render(i % 2 == 0 ? megan : eddie));

        for (var i = 0; i < outputs.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? "<p>Megan Bowen</p><p>+1 425 555 0101</p>" : "<p>From Header Name</p>", outputs[i]);
        }
    }
}
