using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace ExchangeRules.Engine.Loading;

/// <summary>Reads a rules document with line information and validates it against the XSD, collecting every error.</summary>
internal static class RuleDocumentReader
{
    private static readonly Lazy<XmlSchemaSet> _schemas = new(RuleSchema.CreateSchemaSet);

    public static XDocument? Read(string path, Stream content, LoadContext context)
    {
        // A file whose root is not <rules> in our namespace fails every schema check below it: report that once, at
        // the root element, instead of an error for each element the schema does not know.
        if (content.CanSeek)
        {
            var start = content.Position;
            var wrongRoot = CheckRoot(path, content, context);
            content.Position = start;
            if (wrongRoot)
            {
                return null;
            }
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = _schemas.Value,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
            IgnoreComments = true,
        };
        settings.ValidationEventHandler += (_, args) =>
            context.Add(path, args.Exception?.LineNumber ?? 0, args.Exception?.LinePosition ?? 0, Tidy(args.Message));

        try
        {
            using var reader = XmlReader.Create(content, settings, path);
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            if (document.Root is null || document.Root.Name != XName.Get("rules", RuleSchema.Namespace))
            {
                var name = document.Root?.Name.ToString() ?? "(none)";
                context.Add(path, 1, 1, $"the root element must be <rules xmlns=\"{RuleSchema.Namespace}\">, found {name}");
                return null;
            }

            return document;
        }
        catch (XmlException exception)
        {
            context.Add(path, exception.LineNumber, exception.LinePosition, "the file is not well-formed XML: " + Tidy(exception.Message));
            return null;
        }
    }

    /// <summary>Reads only as far as the root element; whether it was wrong (reported) or the file is not XML (reported).</summary>
    private static bool CheckRoot(string path, Stream content, LoadContext context)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(content, settings, path);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                context.Add(path, 1, 1, $"the file has no root element; expected <rules xmlns=\"{RuleSchema.Namespace}\">");
                return true;
            }

            if (reader.LocalName == "rules" && reader.NamespaceURI == RuleSchema.Namespace)
            {
                return false;
            }

            var info = (IXmlLineInfo)reader;
            var found = reader.NamespaceURI.Length == 0
                ? $"<{reader.Name}> without a namespace"
                : $"<{reader.Name}> in the namespace {reader.NamespaceURI}";
            var hint = reader.LocalName == "rules" ? $"; set xmlns=\"{RuleSchema.Namespace}\" on it" : string.Empty;
            context.Add(path, info.LineNumber, info.LinePosition, $"the root element must be <rules xmlns=\"{RuleSchema.Namespace}\">, found {found}{hint}");
            return true;
        }
        catch (XmlException)
        {
            // Not well-formed before the root element: the full read below reports it with its position.
            return false;
        }
    }

    /// <summary>Removes the namespace noise from the framework's validation messages.</summary>
    private static string Tidy(string message)
    {
        var cleaned = message
            .Replace(" in namespace '" + RuleSchema.Namespace + "'", string.Empty)
            .Replace(RuleSchema.Namespace + ":", string.Empty);
        var lineInfo = cleaned.IndexOf(" Line ", StringComparison.Ordinal);
        return lineInfo > 0 && cleaned.IndexOf(", position ", lineInfo, StringComparison.Ordinal) > 0 ? cleaned.Substring(0, lineInfo).TrimEnd() : cleaned;
    }

    internal static IEnumerable<string> DeclaredElementNames()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (XmlSchemaElement element in _schemas.Value.GlobalElements.Values)
        {
            Collect(element, names, new HashSet<XmlSchemaType>());
        }

        return names;
    }

    private static void Collect(XmlSchemaElement element, SortedSet<string> names, HashSet<XmlSchemaType> visited)
    {
        names.Add(element.QualifiedName.Name);
        if (element.ElementSchemaType is XmlSchemaComplexType complex && visited.Add(complex))
        {
            CollectParticle(complex.ContentTypeParticle, names, visited);
        }
    }

    private static void CollectParticle(XmlSchemaParticle? particle, SortedSet<string> names, HashSet<XmlSchemaType> visited)
    {
        switch (particle)
        {
            case XmlSchemaElement element:
                Collect(element, names, visited);
                break;
            case XmlSchemaGroupBase group:
                foreach (XmlSchemaParticle item in group.Items)
                {
                    CollectParticle(item, names, visited);
                }

                break;
        }
    }
}
