using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace ExchangeRules.Cli.Lint;

/// <summary>A rule of our rules file as the lint sees it: its place, scope and what it stamps.</summary>
internal sealed class OurRule
{
    private static readonly XNamespace _ns = "urn:exchangerules:rules:v1";

    private OurRule(XElement element, string path)
    {
        Element = element;
        Name = (string?)element.Attribute("name") ?? string.Empty;
        var line = (IXmlLineInfo)element;
        Place = $"{path}:{line.LineNumber}:{line.LinePosition}";
        Enabled = (string?)element.Attribute("enabled") != "false";
        var options = element.Element(_ns + "options");
        StopsProcessing = (string?)options?.Attribute("stopProcessing") == "true" || element.Descendants(_ns + "stopProcessing").Any();
        Directions = ScopeOf(element);
        Insertions = element.Element(_ns + "actions")?.Elements()
            .Where(action => action.Name.LocalName is "addSignature" or "addDisclaimer" or "addBanner")
            .ToList() ?? new List<XElement>();
        SubjectTags = element.Element(_ns + "actions")?.Elements(_ns + "prependSubject").Select(tag => tag.Value.Trim()).ToList() ?? new List<string>();
    }

    public XElement Element { get; }

    public string Name { get; }

    public string Place { get; }

    public bool Enabled { get; }

    public bool StopsProcessing { get; }

    public Directions Directions { get; }

    public IReadOnlyList<XElement> Insertions { get; }

    public IReadOnlyList<string> SubjectTags { get; }

    public static IReadOnlyList<OurRule> Read(XDocument document, string path) =>
        document.Root!.Elements(_ns + "rule").Select(rule => new OurRule(rule, path)).ToList();

    /// <summary>The kind of block an insertion stamps: signature, disclaimer or banner.</summary>
    public static string Kind(XElement insertion) => insertion.Name.LocalName switch
    {
        "addSignature" => "signature",
        "addDisclaimer" => "disclaimer",
        _ => "banner",
    };

    private static Directions ScopeOf(XElement rule)
    {
        var directions = new Directions(Directions.All);
        foreach (var condition in rule.Element(_ns + "conditions")?.Elements() ?? Enumerable.Empty<XElement>())
        {
            directions = condition.Name.LocalName switch
            {
                "direction" => directions.Intersect(condition.Value.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)),
                "senderScope" => directions.Intersect(Directions.OfSenderScope(condition.Value.Trim())),
                "recipientScope" => directions.Intersect(Directions.OfRecipientScope(condition.Value.Trim())),
                _ => directions,
            };
        }

        foreach (var exception in rule.Element(_ns + "exceptions")?.Elements() ?? Enumerable.Empty<XElement>())
        {
            directions = exception.Name.LocalName switch
            {
                "direction" => directions.Except(exception.Value.Split(' ', System.StringSplitOptions.RemoveEmptyEntries)),
                "senderScope" => directions.Except(Directions.OfSenderScope(exception.Value.Trim())),
                _ => directions,
            };
        }

        return directions;
    }
}
