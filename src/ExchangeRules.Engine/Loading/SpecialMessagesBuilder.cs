using System.Linq;
using System.Xml.Linq;
using ExchangeRules.Engine.Actions;
using static ExchangeRules.Engine.Loading.XmlValues;

namespace ExchangeRules.Engine.Loading;

/// <summary>Reads a rule's <c>&lt;specialMessages&gt;</c> option and reports settings that cannot take effect with the rule's actions.</summary>
internal static class SpecialMessagesBuilder
{
    private static readonly string[] _insertions = { "addSignature", "addDisclaimer", "addBanner" };
    private static readonly string[] _headerEdits = { "prependSubject", "appendSubject", "setHeader", "removeHeader" };
    private static readonly string[] _attachmentEdits = { "removeAttachments", "addAttachment" };

    public static SpecialMessagePolicy Build(XElement? element, XElement? actions, LoadContext context)
    {
        if (element is null)
        {
            return SpecialMessagePolicy.Default;
        }

        var actionNames = actions?.Elements().Where(action => action.Name.Namespace == RuleSchema.Namespace).Select(action => action.Name.LocalName).ToArray() ?? System.Array.Empty<string>();
        var inserts = actionNames.Any(name => _insertions.Contains(name));
        var wrap = Attribute(element, "signedOrEncrypted") == "wrap";
        var meetings = Attribute(element, "meetings") == "stamp";
        var reports = Attribute(element, "reports") == "edit";
        if (wrap && !inserts)
        {
            context.Add(element.Attribute("signedOrEncrypted")!, "conflicting options: signedOrEncrypted=\"wrap\" wraps a signed or encrypted message in a new one that carries an inserted block, but this rule has no addSignature, addDisclaimer or addBanner action");
        }

        if (meetings && !inserts)
        {
            context.Add(element.Attribute("meetings")!, "conflicting options: meetings=\"stamp\" lets body insertions into meeting messages, but this rule has no addSignature, addDisclaimer or addBanner action");
        }

        foreach (var attribute in new[] { "rtfBodies", "votingButtons" })
        {
            if (!inserts && Attribute(element, attribute) == "leave")
            {
                context.Add(element.Attribute(attribute)!, $"conflicting options: {attribute}=\"leave\" keeps body insertions out of such Outlook (TNEF) messages, but this rule has no addSignature, addDisclaimer or addBanner action");
            }
        }

        if (reports && !actionNames.Any(name => _headerEdits.Contains(name)))
        {
            context.Add(element.Attribute("reports")!, "conflicting options: reports=\"edit\" lets subject and header changes into delivery and read reports (their bodies are never changed), but this rule has no subject or header action");
        }

        var edits = inserts || actionNames.Any(name => _headerEdits.Contains(name) || _attachmentEdits.Contains(name));
        foreach (var attribute in new[] { "autoReplies", "systemMessages" })
        {
            if (!edits && Attribute(element, attribute) == "stamp")
            {
                context.Add(element.Attribute(attribute)!, $"conflicting options: {attribute}=\"stamp\" lets the message editor change such messages, but this rule has no body, subject, header or attachment action (recipient and delete actions are the host's and ignore it)");
            }
        }

        return new SpecialMessagePolicy(
            wrap ? SignedOrEncryptedHandling.Wrap : SignedOrEncryptedHandling.Leave,
            meetings,
            Attribute(element, "autoReplies") == "stamp",
            reports,
            Attribute(element, "systemMessages") == "stamp",
            Attribute(element, "rtfBodies") != "leave",
            Attribute(element, "votingButtons") != "leave");
    }
}
