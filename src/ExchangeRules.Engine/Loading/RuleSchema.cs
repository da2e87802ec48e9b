using System.IO;
using System.Xml;
using System.Xml.Schema;

namespace ExchangeRules.Engine.Loading;

/// <summary>The XML schema of the rules language (shipped embedded and in <c>docs/schema/</c>).</summary>
public static class RuleSchema
{
    /// <summary>The namespace of rules documents.</summary>
    public const string Namespace = "urn:exchangerules:rules:v1";

    private const string _resourceName = "ExchangeRules.Engine.Schema.rules-v1.xsd";

    /// <summary>Opens the XSD text; the caller disposes the stream.</summary>
    public static Stream OpenXsd() =>
        typeof(RuleSchema).Assembly.GetManifestResourceStream(_resourceName)
        ?? throw new FileNotFoundException("The rules schema resource is missing from the engine assembly.", _resourceName);

    internal static XmlSchemaSet CreateSchemaSet()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        using (var stream = OpenXsd())
        using (var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            set.Add(Namespace, reader);
        }

        set.Compile();
        return set;
    }
}
