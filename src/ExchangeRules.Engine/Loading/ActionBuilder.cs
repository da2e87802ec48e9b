using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Compilation;
using static ExchangeRules.Engine.Loading.XmlValues;

namespace ExchangeRules.Engine.Loading;

/// <summary>Builds a rule's actions, resolving templates and files and reporting conflicts.</summary>
internal sealed class ActionBuilder
{
    private readonly LoadContext _context;
    private readonly IReadOnlyDictionary<string, CompiledContentTemplate?> _templates;

    public ActionBuilder(LoadContext context, IReadOnlyDictionary<string, CompiledContentTemplate?> templates)
    {
        _context = context;
        _templates = templates;
    }

    /// <summary>Builds the actions; <paramref name="stopProcessing"/> is set when the list holds a stopProcessing action.</summary>
    public IReadOnlyList<ActionTemplate> Build(XElement? actions, string ruleName, FailurePolicy policy, SpecialMessagePolicy special, out bool stopProcessing)
    {
        stopProcessing = false;
        var result = new List<ActionTemplate>();
        if (actions is null)
        {
            return result;
        }

        var elements = actions.Elements().Where(element => element.Name.Namespace == RuleSchema.Namespace).ToArray();
        CheckConflicts(elements);
        foreach (var element in elements)
        {
            if (element.Name.LocalName == "stopProcessing")
            {
                stopProcessing = true;
                continue;
            }

            var action = Build(element, ruleName, policy, special);
            if (action is not null)
            {
                result.Add(action);
            }
        }

        return result;
    }

    private void CheckConflicts(XElement[] elements)
    {
        var delete = elements.FirstOrDefault(element => element.Name.LocalName == "deleteMessage");
        if (delete is not null && elements.Any(element => element.Name.LocalName is not "deleteMessage" and not "stopProcessing"))
        {
            _context.Add(delete, "conflicting options: deleteMessage cannot be combined with other actions (a deleted copy is never delivered); put them in separate rules");
        }

        var redirects = elements.Where(element => element.Name.LocalName == "redirectTo").ToArray();
        if (redirects.Length > 1)
        {
            _context.Add(redirects[1], "conflicting options: a rule can redirect to one address only");
        }
    }

    private ActionTemplate? Build(XElement element, string ruleName, FailurePolicy policy, SpecialMessagePolicy special)
    {
        switch (element.Name.LocalName)
        {
            case "addSignature":
                return Insert(element, ruleName, policy, special, InsertionKind.Signature, Placement.UnderNewestReply);
            case "addDisclaimer":
                return Insert(element, ruleName, policy, special, InsertionKind.Disclaimer, Placement.Bottom);
            case "addBanner":
                return Insert(element, ruleName, policy, special, InsertionKind.Banner, Placement.Top);
            case "prependSubject":
                return new FixedAction(new SubjectAction(ruleName, policy, element.Value.Trim(), prepend: true, special));
            case "appendSubject":
                return new FixedAction(new SubjectAction(ruleName, policy, element.Value.Trim(), prepend: false, special));
            case "setHeader":
                return new FixedAction(new HeaderAction(ruleName, policy, Attribute(element, "name") ?? string.Empty, element.Value.Trim(), special));
            case "removeHeader":
                return new FixedAction(new HeaderAction(ruleName, policy, Attribute(element, "name") ?? string.Empty, null, special));
            case "addRecipient":
                return new FixedAction(new RecipientAction(ruleName, policy, RecipientChange.Add, element.Value.Trim(), special));
            case "addBcc":
                return new FixedAction(new RecipientAction(ruleName, policy, RecipientChange.Bcc, element.Value.Trim(), special));
            case "redirectTo":
                return new FixedAction(new RecipientAction(ruleName, policy, RecipientChange.Redirect, element.Value.Trim(), special));
            case "removeAttachments":
                return new FixedAction(new RemoveAttachmentsAction(
                    ruleName,
                    policy,
                    element.Elements(Name("name")).Select(name => name.Value.Trim()).ToArray(),
                    element.Elements(Name("mediaType")).Select(type => type.Value.Trim()).ToArray(),
                    special));
            case "addAttachment":
                return Attachment(element, ruleName, policy, special);
            case "deleteMessage":
                return new FixedAction(new DeleteMessageAction(ruleName, policy, special));
            default:
                return null;
        }
    }

    private InsertContentTemplate? Insert(XElement element, string ruleName, FailurePolicy policy, SpecialMessagePolicy special, InsertionKind kind, Placement defaultPlacement)
    {
        var templateName = Attribute(element, "template") ?? string.Empty;
        if (!_templates.TryGetValue(templateName, out var template))
        {
            var known = _templates.Count == 0 ? "no templates are declared" : "declared: " + string.Join(", ", _templates.Keys);
            _context.Add(element.Attribute("template") ?? (XObject)element, $"unknown template '{templateName}' ({known})");
            return null;
        }

        if (template is null)
        {
            return null;
        }

        var placement = Attribute(element, "placement") switch
        {
            "underNewestReply" => Placement.UnderNewestReply,
            "top" => Placement.Top,
            "bottom" => Placement.Bottom,
            _ => defaultPlacement,
        };
        return new InsertContentTemplate(ruleName, policy, special, kind, template, placement, Bool(element, "skipIfPresent", true));
    }

    private FixedAction? Attachment(XElement element, string ruleName, FailurePolicy policy, SpecialMessagePolicy special)
    {
        var file = element.Attribute("file");
        if (file is null)
        {
            return null;
        }

        var bytes = _context.ReadBytes(file, file.Value.Trim(), _context.Options.MaxAttachmentBytes, "attachment");
        if (bytes is null)
        {
            return null;
        }

        var fileName = Attribute(element, "name") ?? Path.GetFileName(file.Value.Trim());
        var mediaType = Attribute(element, "mediaType") ?? MediaTypes.FromFileName(fileName);
        return new FixedAction(new AddAttachmentAction(ruleName, policy, fileName, mediaType, bytes, special));
    }
}
