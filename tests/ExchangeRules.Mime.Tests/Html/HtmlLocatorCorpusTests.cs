using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using ExchangeRules.Mime.Html;
using ExchangeRules.Mime.Markers;
using MimeKit;
using Xunit;

namespace ExchangeRules.Mime.Tests.Html;

public class HtmlLocatorCorpusTests
{
    [Fact]
    public void NewestPart_EveryCorpusAndFixtureHtmlPart_AgreesWithAWholeParseThatUsesNoAnchors()
    {
        // The anchor searches only decide how little HTML is parsed: the answer must be the one the whole parse gives.
        var withAnchors = ReplyMarkerSet.Default;
        var withoutAnchors = DefaultMarkersWithoutAnchors();
        var compared = 0;
        var withMarker = 0;
        var differences = new List<string>();
        foreach (var (name, message) in CorpusMessages.ParsableMessagesAndFixtures())
        {
            foreach (var part in message.BodyParts.OfType<TextPart>().Where(p => p.IsHtml))
            {
                var html = TextPartContent.Read(part);
                var fast = new HtmlLocator(html, withAnchors, EditBudget.Unlimited).NewestPart;
                var whole = new HtmlLocator(html, withoutAnchors, EditBudget.Unlimited).NewestPart;
                compared++;
                withMarker += whole.MarkerName is null ? 0 : 1;
                if (fast.End != whole.End || fast.MarkerName != whole.MarkerName)
                {
                    differences.Add($"{name}: anchors {fast.End} {fast.MarkerName}, whole parse {whole.End} {whole.MarkerName}");
                }
            }
        }

        Assert.True(compared > 50 && withMarker > 10, $"the corpus has HTML parts with markers to compare ({compared}, {withMarker} with a marker)");
        Assert.Empty(differences);
    }

    private static ReplyMarkerSet DefaultMarkersWithoutAnchors()
    {
        using var resource = typeof(ReplyMarkerSet).Assembly.GetManifestResourceStream("ExchangeRules.Mime.Markers.ReplyMarkers.xml")
            ?? throw new InvalidOperationException("The built-in marker file is missing.");
        var document = XDocument.Load(resource);
        foreach (var anchors in document.Descendants().Attributes("anchors").ToList())
        {
            anchors.Remove();
        }

        using var stripped = new MemoryStream();
        document.Save(stripped);
        stripped.Position = 0;
        return ReplyMarkerSet.Load(stripped);
    }
}
