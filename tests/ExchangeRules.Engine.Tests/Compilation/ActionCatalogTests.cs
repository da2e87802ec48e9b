using System;
using System.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Tests.Support;
using Xunit;

namespace ExchangeRules.Engine.Tests.Compilation;

/// <summary>Every action of the catalog becomes the right planned action, only when its rule applies.</summary>
public sealed class ActionCatalogTests
{
    private const string _templates = """

            <template name="disclaimer">
              <html file="templates/disclaimer.html"/>
              <text file="templates/disclaimer.txt"/>
              <image contentId="logo" file="images/logo.png"/>
            </template>
            <template name="broken">
              <html><![CDATA[{{boom}}]]></html>
              <text><![CDATA[x]]></text>
            </template>
        """;

    private static RuleFolder Folder(string actions, string conditions = "<senderDomain><value>contoso.com</value></senderDomain>") =>
        new RuleFolder()
            .WriteFile("templates/disclaimer.html", "<p>Sent by {{sender}} ({{department}}) under {{rule}}</p>")
            .WriteFile("templates/disclaimer.txt", "Sent by {{sender}}")
            .WriteBytes("images/logo.png", new byte[] { 0x89, 0x50, 0x4E, 0x47 })
            .WriteFile("files/terms.pdf", "%PDF-1.4 terms")
            .WriteRules(RuleFolder.Document($"<rule name=\"Act\"><conditions>{conditions}</conditions><actions>{actions}</actions></rule>", _templates));

    private static PlannedAction SingleAction(string actions)
    {
        using var folder = Folder(actions);
        var result = folder.Load().Evaluate(TestMessage.Internal().Build());
        return Assert.Single(Assert.Single(result.Copies).Actions);
    }

    [Fact]
    public void AddSignature_RendersBothVariantsWithDirectoryData_DefaultPlacementUnderNewestReply()
    {
        var action = Assert.IsType<InsertContentAction>(SingleAction("<addSignature template=\"sig\"/>"));

        Assert.Equal(InsertionKind.Signature, action.Kind);
        Assert.Equal("[html]<p>Alice Archer</p>", action.Html);
        Assert.Equal("[text]-- Alice Archer", action.Text);
        Assert.Equal(Placement.UnderNewestReply, action.Placement);
        Assert.True(action.SkipIfPresent);
        Assert.Equal("Act", action.RuleName);
    }

    [Fact]
    public void AddDisclaimer_FromFilesWithImage_DefaultPlacementBottom()
    {
        var action = Assert.IsType<InsertContentAction>(SingleAction("<addDisclaimer template=\"disclaimer\" skipIfPresent=\"false\"/>"));

        Assert.Equal(InsertionKind.Disclaimer, action.Kind);
        Assert.Equal("[html]<p>Sent by alice@contoso.com (Sales) under Act</p>", action.Html);
        Assert.Equal(Placement.Bottom, action.Placement);
        Assert.False(action.SkipIfPresent);
        var image = Assert.Single(action.Images);
        Assert.Equal(("logo", "logo.png", "image/png", 4), (image.ContentId, image.FileName, image.MediaType, image.Content.Length));
    }

    [Fact]
    public void AddBanner_DefaultPlacementTop_ExplicitPlacementWins()
    {
        Assert.Equal(Placement.Top, Assert.IsType<InsertContentAction>(SingleAction("<addBanner template=\"sig\"/>")).Placement);
        Assert.Equal(Placement.Bottom, Assert.IsType<InsertContentAction>(SingleAction("<addBanner template=\"sig\" placement=\"bottom\"/>")).Placement);
    }

    [Theory]
    [InlineData("<prependSubject>[EXT]</prependSubject>", "[EXT]", true)]
    [InlineData("<appendSubject>(external)</appendSubject>", "(external)", false)]
    public void SubjectActions_CarryTextAndSide(string xml, string text, bool prepend)
    {
        var action = Assert.IsType<SubjectAction>(SingleAction(xml));

        Assert.Equal((text, prepend), (action.Text, action.Prepend));
    }

    [Theory]
    [InlineData("<setHeader name=\"X-Processed\">yes</setHeader>", "X-Processed", "yes")]
    [InlineData("<removeHeader name=\"X-Internal\"/>", "X-Internal", null)]
    public void HeaderActions_SetOrRemove(string xml, string name, string? value)
    {
        var action = Assert.IsType<HeaderAction>(SingleAction(xml));

        Assert.Equal((name, value), (action.Name, action.Value));
    }

    [Theory]
    [InlineData("<addRecipient>audit@contoso.com</addRecipient>", RecipientChange.Add)]
    [InlineData("<addBcc>archive@contoso.com</addBcc>", RecipientChange.Bcc)]
    [InlineData("<redirectTo>quarantine@contoso.com</redirectTo>", RecipientChange.Redirect)]
    public void RecipientActions_CarryChangeAndAddress(string xml, RecipientChange change)
    {
        var action = Assert.IsType<RecipientAction>(SingleAction(xml));

        Assert.Equal(change, action.Change);
        Assert.Contains("@contoso.com", action.Address, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveAttachments_CarriesPatternsAndMediaTypes()
    {
        var action = Assert.IsType<RemoveAttachmentsAction>(SingleAction("<removeAttachments><name>*.exe</name><mediaType>application/x-msdownload</mediaType><name>*.js</name></removeAttachments>"));

        Assert.Equal("*.exe|*.js", string.Join('|', action.FileNamePatterns));
        Assert.Equal("application/x-msdownload", Assert.Single(action.MediaTypes));
    }

    [Fact]
    public void AddAttachment_ReadsTheFileOnceAtLoad()
    {
        var action = Assert.IsType<AddAttachmentAction>(SingleAction("<addAttachment file=\"files/terms.pdf\" name=\"Terms.pdf\"/>"));

        Assert.Equal(("Terms.pdf", "application/pdf", "%PDF-1.4 terms"), (action.FileName, action.MediaType, System.Text.Encoding.UTF8.GetString(action.Content)));
    }

    [Fact]
    public void DeleteMessage_IsPlanned()
    {
        Assert.IsType<DeleteMessageAction>(SingleAction("<deleteMessage/>"));
    }

    [Fact]
    public void StopProcessing_Action_StopsLaterRules()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="First"><actions><prependSubject>[1]</prependSubject><stopProcessing/></actions></rule>
            <rule name="Second"><actions><prependSubject>[2]</prependSubject></actions></rule>
            """));

        var result = folder.Load().Evaluate(TestMessage.Internal().Build());

        Assert.Equal("[1]", Assert.IsType<SubjectAction>(Assert.Single(Assert.Single(result.Copies).Actions)).Text);
        Assert.Equal("not evaluated: an earlier rule stopped processing", result.Trace.Rules[1].Reason);
    }

    [Fact]
    public void Actions_WhenTheRuleDoesNotApply_AreNotPlannedAndTemplatesAreNotRendered()
    {
        using var folder = Folder("<addSignature template=\"broken\"/>", "<senderDomain><value>fabrikam.com</value></senderDomain>");

        var result = folder.Load().Evaluate(TestMessage.Internal().Build());

        Assert.Empty(Assert.Single(result.Copies).Actions);
        Assert.False(result.Trace.Rules[0].Failed);
    }

    [Fact]
    public void TemplateRenderFailure_FailOpen_SkipsTheRuleAndSaysWhy()
    {
        using var folder = Folder("<addSignature template=\"broken\"/>");

        var result = folder.Load().Evaluate(TestMessage.Internal().Build());

        var trace = Assert.Single(result.Trace.Rules);
        Assert.True(trace.Failed);
        Assert.False(trace.Applied);
        Assert.Contains("the template exploded", trace.Reason, StringComparison.Ordinal);
        Assert.False(result.RequiredRuleFailed);
        Assert.Empty(Assert.Single(result.Copies).Actions);
    }

    [Fact]
    public void TemplateRenderFailure_FailClosed_AsksTheHostToDefer()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Legal">
              <actions><addDisclaimer template="broken"/></actions>
              <options onFailure="failClosed"/>
            </rule>
            """, "<template name=\"broken\"><html><![CDATA[{{boom}}]]></html><text>x</text></template>"));

        var result = folder.Load().Evaluate(TestMessage.Internal().Build());

        Assert.True(result.RequiredRuleFailed);
        Assert.Contains("required rule", result.Trace.Rules[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FailurePolicy_IsCarriedOnEveryAction()
    {
        using var folder = new RuleFolder().WriteRules(RuleFolder.Document("""
            <rule name="Legal">
              <actions><prependSubject>[L]</prependSubject><setHeader name="X-L">1</setHeader></actions>
              <options onFailure="failClosed"/>
            </rule>
            """));

        var actions = Assert.Single(folder.Load().Evaluate(TestMessage.Internal().Build()).Copies).Actions;

        Assert.All(actions, action => Assert.Equal(FailurePolicy.FailClosed, action.FailurePolicy));
    }

    [Fact]
    public void Templates_AreCompiledOnceAtLoad_NotPerMessage()
    {
        using var folder = Folder("<addSignature template=\"sig\"/>");
        var plan = folder.Load();
        var compilations = folder.Compiler.Compilations;

        for (var i = 0; i < 5; i++)
        {
            plan.Evaluate(TestMessage.Internal().Build());
        }

        Assert.Equal(compilations, folder.Compiler.Compilations);
        Assert.Equal(6, compilations);
    }
}
