using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Xml;

namespace ExchangeRules.Engine.Loading;

/// <summary>
/// Bounds how deeply a rules document nests before anything else reads it: the schema validator slows down
/// sharply on deep unknown content, and the builders, the compiled conditions and the evaluator recurse per level
/// while Exchange runs agents on 1 MB thread stacks, where a stack overflow cannot be caught and ends the
/// Transport service at every start. This pass streams the XML without recursion and stops at the first element
/// too deep.
/// </summary>
internal static class NestingCheck
{
    // Room for the fixed structure around conditions: rules, rule, conditions or exceptions, and a leaf condition.
    private const int _structureDepth = 16;

    /// <summary>Reports the first element nested too deeply (with its location) and returns whether the document is within the limits.</summary>
    public static bool WithinLimits(string path, byte[] content, LoadContext context)
    {
        var maxConditionDepth = context.Options.MaxConditionDepth;
        var maxElementDepth = maxConditionDepth + _structureDepth;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };

        // Whether each open element is a condition group (all, any, not); its count is the condition depth.
        var openGroups = new Stack<bool>();
        var conditionDepth = 0;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content, writable: false), settings, path);
            var lineInfo = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    if (openGroups.Count > 0 && openGroups.Pop())
                    {
                        conditionDepth--;
                    }

                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var isGroup = reader.NamespaceURI == RuleSchema.Namespace && reader.LocalName is "all" or "any" or "not";
                var depth = reader.Depth + 1;
                if (isGroup && conditionDepth + 1 > maxConditionDepth)
                {
                    context.Add(path, lineInfo.LineNumber, lineInfo.LinePosition, string.Format(CultureInfo.InvariantCulture, "<{0}> is nested more than {1} condition groups (all, any, not) deep; simplify the condition (the limit protects the Transport service's stack)", reader.LocalName, maxConditionDepth));
                    return false;
                }

                if (depth > maxElementDepth)
                {
                    context.Add(path, lineInfo.LineNumber, lineInfo.LinePosition, string.Format(CultureInfo.InvariantCulture, "<{0}> is nested more than {1} elements deep; a rules file never needs this many levels", reader.LocalName, maxElementDepth));
                    return false;
                }

                if (!reader.IsEmptyElement)
                {
                    openGroups.Push(isGroup);
                    if (isGroup)
                    {
                        conditionDepth++;
                    }
                }
            }
        }
        catch (XmlException)
        {
            // Not well-formed within the limits: the validating reader reports it with its location.
        }

        return true;
    }
}
