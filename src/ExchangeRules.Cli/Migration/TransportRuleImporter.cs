using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ExchangeRules.Engine.Templates;
using ExchangeRules.Templates;

namespace ExchangeRules.Cli.Migration;

/// <summary>
/// Turns a <c>Get-TransportRule</c> export (JSON, as install/Export-TransportRules.ps1 writes it, or a plain
/// <c>ConvertTo-Json</c>) into a rules file, keeping Exchange's priority order. Every property with a value is
/// either mapped, known to describe the rule object only, or reported per rule with the reason it was not imported.
/// A rule with a condition or exception that does not map is written disabled: enabled, it would apply to messages
/// Exchange's rule does not.
/// </summary>
internal sealed class TransportRuleImporter
{
    public static readonly XNamespace Namespace = "urn:exchangerules:rules:v1";

    /// <summary>Properties that describe the rule object (identity, versions, audit data), not what it does.</summary>
    private static readonly HashSet<string> _metadata = new(StringComparer.OrdinalIgnoreCase)
    {
        "Identity", "Guid", "ImmutableId", "DistinguishedName", "Description", "RuleVersion", "IsValid", "ObjectState",
        "ExchangeVersion", "OrganizationId", "Id", "OriginatingServer", "ExchangeObjectId", "WhenChanged", "WhenChangedUTC",
        "WhenCreated", "WhenCreatedUTC", "CreatedBy", "LastModifiedBy", "ManuallyModified", "IsRuleConfigurationSupported",
        "UseLegacyRegex", "Size", "AdminDisplayName", "PSComputerName", "RunspaceId", "PSShowComputerName", "Conditions",
        "Exceptions", "Actions", "DlpPolicy", "MessageTypeMatchesDescription",
    };

    /// <summary>Properties whose value here is Exchange's default, meaning "not used".</summary>
    private static readonly Dictionary<string, string[]> _defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RuleSubType"] = new[] { "None" },
        ["RecipientAddressType"] = new[] { "Resolved" },
        ["SetAuditSeverity"] = new[] { "DoNotAudit" },
        ["DlpPolicyId"] = new[] { "00000000-0000-0000-0000-000000000000" },
        ["RuleErrorAction"] = new[] { "Ignore" },
        ["Mode"] = new[] { "Enforce" },
        ["State"] = new[] { "Enabled" },
        ["SenderAddressLocation"] = new[] { "Header" },
    };

    /// <summary>How Exchange's condition parameters begin (New-TransportRule); an unknown property like these is a condition.</summary>
    private static readonly string[] _predicatePrefixes =
    {
        "From", "Sent", "Recipient", "AnyOf", "Subject", "Header", "Attachment", "Message", "Sender", "With", "Has", "Between", "Manager", "ADAttribute", "SCL", "Content",
    };

    private readonly FluidTemplateCompiler _compiler = new FluidTemplateCompiler();
    private readonly Dictionary<string, string> _templateByHtml = new(StringComparer.Ordinal);
    private readonly List<XElement> _templates = new();

    /// <summary>Reads the export; <exception cref="JsonException">the export is not JSON</exception>, <exception cref="FormatException">it is not a rule list</exception>.</summary>
    public static IReadOnlyList<ExportedRule> ReadExport(byte[] json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var rules = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object when root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array => value.EnumerateArray().ToList(),
            JsonValueKind.Object => new List<JsonElement> { root },
            _ => throw new FormatException("expected the JSON of Get-TransportRule: an array of rules (or one rule object)"),
        };
        var result = new List<ExportedRule>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"$[{i}]: expected a rule object, found {rules[i].ValueKind}");
            }

            result.Add(new ExportedRule(rules[i].Clone(), i));
        }

        return result;
    }

    /// <summary>Imports the rules; the document holds the templates and the imported rules in Exchange's priority order.</summary>
    public (XDocument Document, IReadOnlyList<ImportedRule> Rules) Import(IReadOnlyList<ExportedRule> export)
    {
        var imported = export
            .Select(rule => ImportRule(rule))
            .OrderBy(rule => rule.Priority)
            .ThenBy(rule => rule.Name, StringComparer.Ordinal)
            .ToList();
        var root = new XElement(
            Namespace + "rules",
            _templates.Count > 0 ? new XElement(Namespace + "templates", _templates) : null,
            imported.Select(rule => rule.Rule));
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XComment(" Imported from Exchange transport rules by exrules import transport-rules. Review the import report, then: exrules validate; exrules test. "),
            root);
        return (document, imported);
    }

    private ImportedRule ImportRule(ExportedRule rule)
    {
        var priorityText = rule.String("Priority");
        var result = new ImportedRule
        {
            Name = rule.Name,
            Priority = int.TryParse(priorityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority) ? priority : int.MaxValue - 1000 + rule.Index,
        };
        foreach (var name in _metadata)
        {
            rule.Handled(name);
        }

        var conditionIssues = new List<ImportIssue>();
        string? senderLocation = null;
        switch (rule.String("SenderAddressLocation"))
        {
            case null or "Header":
                break;
            case "Envelope":
                senderLocation = "envelope";
                break;
            case "HeaderOrEnvelope":
                senderLocation = "headerOrEnvelope";
                break;
            case var other:
                conditionIssues.Add(new ImportIssue("SenderAddressLocation", other, Expected(rule, "SenderAddressLocation", "Header, Envelope or HeaderOrEnvelope")));
                break;
        }

        var conditions = ConditionMapper.Map(rule, string.Empty, senderLocation, conditionIssues);
        var exceptions = ConditionMapper.Map(rule, "ExceptIf", senderLocation, conditionIssues);
        result.NotImported.AddRange(conditionIssues);
        var comments = rule.String("Comments");
        var actions = Actions(rule, result);
        var options = Options(rule, result, actions);
        Enabled(rule, result);
        foreach (var (name, value) in rule.Unread.ToList())
        {
            var text = ExportedRule.Describe(value);
            if (_defaults.TryGetValue(name, out var defaults) && defaults.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var isException = name.StartsWith("ExceptIf", StringComparison.OrdinalIgnoreCase);
            var issue = new ImportIssue(name, text, "ExchangeRules has no equivalent" + (isException ? " exception" : string.Empty));
            result.NotImported.Add(issue);
            if (LooksLikePredicate(name))
            {
                conditionIssues.Add(issue);
            }
        }

        if (actions.Count == 0)
        {
            result.Notes.Add(new ImportIssue("(rule)", string.Empty, "not imported: none of its actions maps"));
            return result;
        }

        if (conditionIssues.Count > 0 && result.Enabled)
        {
            result.Enabled = false;
            result.Notes.Add(new ImportIssue("(rule)", string.Empty, "written disabled: a condition or exception did not map, so enabled it would act on messages Exchange's rule leaves alone. Fix it by hand, then set enabled=\"true\""));
        }

        result.Rule = new XElement(
            Namespace + "rule",
            new XAttribute("name", result.Name),
            result.Enabled ? null : new XAttribute("enabled", "false"),
            comments is null ? null : new XElement(Namespace + "description", comments),
            conditions.Count > 0 ? new XElement(Namespace + "conditions", conditions) : null,
            exceptions.Count > 0 ? new XElement(Namespace + "exceptions", exceptions) : null,
            new XElement(Namespace + "actions", actions),
            options);
        return result;
    }

    private List<XElement> Actions(ExportedRule rule, ImportedRule result)
    {
        var actions = new List<XElement>();
        Disclaimer(rule, result, actions);
        if (rule.String("PrependSubject") is { } prefix)
        {
            actions.Add(new XElement(Namespace + "prependSubject", prefix.Trim()));
            if (!char.IsWhiteSpace(prefix[^1]))
            {
                result.Notes.Add(new ImportIssue("PrependSubject", prefix, "ExchangeRules puts one space between the text and the subject; Exchange puts none"));
            }
        }

        var headerName = rule.String("SetHeaderName");
        var headerValue = rule.String("SetHeaderValue");
        if (headerName is not null)
        {
            actions.Add(new XElement(Namespace + "setHeader", new XAttribute("name", headerName), headerValue ?? string.Empty));
        }
        else if (headerValue is not null)
        {
            result.NotImported.Add(new ImportIssue("SetHeaderValue", headerValue, "SetHeaderName is missing"));
        }

        if (rule.String("RemoveHeader") is { } removed)
        {
            actions.Add(new XElement(Namespace + "removeHeader", new XAttribute("name", removed)));
        }

        foreach (var address in Addresses(rule, result, "AddToRecipients"))
        {
            actions.Add(new XElement(Namespace + "addRecipient", address));
            result.Notes.Add(new ImportIssue("AddToRecipients", address, "added as a visible recipient in Cc; Exchange adds it to To"));
        }

        actions.AddRange(Addresses(rule, result, "CopyTo").Select(address => new XElement(Namespace + "addRecipient", address)));
        actions.AddRange(Addresses(rule, result, "BlindCopyTo").Select(address => new XElement(Namespace + "addBcc", address)));
        var redirect = Addresses(rule, result, "RedirectMessageTo").ToList();
        if (redirect.Count > 0)
        {
            actions.Add(new XElement(Namespace + "redirectTo", redirect[0]));
            result.NotImported.AddRange(redirect.Skip(1).Select(address => new ImportIssue("RedirectMessageTo", address, "a rule redirects to one address in ExchangeRules; redirect to a distribution group instead")));
        }

        if (rule.Flag("DeleteMessage"))
        {
            if (actions.Count == 0)
            {
                actions.Add(new XElement(Namespace + "deleteMessage"));
            }
            else
            {
                result.NotImported.Add(new ImportIssue("DeleteMessage", "True", "cannot be combined with other actions in one rule; split the rule"));
            }
        }

        return actions;
    }

    private void Disclaimer(ExportedRule rule, ImportedRule result, List<XElement> actions)
    {
        var html = rule.String("ApplyHtmlDisclaimerText");
        var location = rule.String("ApplyHtmlDisclaimerLocation");
        var fallback = rule.String("ApplyHtmlDisclaimerFallbackAction");
        if (html is null)
        {
            return;
        }

        string placement;
        switch (location)
        {
            case null or "Append":
                placement = "bottom";
                break;
            case "Prepend":
                placement = "top";
                break;
            default:
                result.NotImported.Add(new ImportIssue("ApplyHtmlDisclaimerText", Shorten(html), "ApplyHtmlDisclaimerLocation " + location + ": " + Expected(rule, "ApplyHtmlDisclaimerLocation", "Append or Prepend")));
                return;
        }

        var templateName = Template(rule.Name, html, out var error);
        if (templateName is null)
        {
            result.NotImported.Add(new ImportIssue("ApplyHtmlDisclaimerText", Shorten(html), "the text does not compile as a template: " + error));
            return;
        }

        var element = new XElement(Namespace + (placement == "top" ? "addBanner" : "addDisclaimer"), new XAttribute("template", templateName), new XAttribute("placement", placement));
        actions.Add(element);
        switch (fallback)
        {
            case null or "Wrap":
                result.Notes.Add(new ImportIssue("ApplyHtmlDisclaimerFallbackAction", fallback ?? "(default) Wrap", "signed or encrypted messages are wrapped (specialMessages signedOrEncrypted=\"wrap\"), as Exchange does"));
                break;
            case "Ignore":
                break;
            case "Reject":
                result.NotImported.Add(new ImportIssue("ApplyHtmlDisclaimerFallbackAction", fallback, "ExchangeRules never rejects a message it cannot stamp: a signed or encrypted message is delivered unchanged. Use Wrap (specialMessages signedOrEncrypted=\"wrap\") or a deleteMessage rule"));
                break;
            default:
                result.NotImported.Add(new ImportIssue("ApplyHtmlDisclaimerFallbackAction", fallback, Expected(rule, "ApplyHtmlDisclaimerFallbackAction", "Wrap, Ignore or Reject")));
                break;
        }

        if (html.Contains("{{", StringComparison.Ordinal) || html.Contains("{%", StringComparison.Ordinal))
        {
            result.Notes.Add(new ImportIssue("ApplyHtmlDisclaimerText", Shorten(html), "the text contains '{{' or '{%', which ExchangeRules templates read as placeholders; check the rendered text with exrules apply"));
        }
    }

    private static XElement? Options(ExportedRule rule, ImportedRule result, List<XElement> actions)
    {
        var stop = rule.Flag("StopRuleProcessing");
        var failClosed = false;
        switch (rule.String("RuleErrorAction"))
        {
            case null or "Ignore":
                break;
            case "Defer":
                failClosed = true;
                break;
            case var other:
                result.NotImported.Add(new ImportIssue("RuleErrorAction", other, Expected(rule, "RuleErrorAction", "Ignore or Defer")));
                break;
        }

        XElement? schedule = null;
        var from = Date(rule, result, "ActivationDate");
        var until = Date(rule, result, "ExpiryDate");
        if (from is not null || until is not null)
        {
            schedule = new XElement(
                Namespace + "schedule",
                new XAttribute("timeZone", "UTC"),
                from is null ? null : new XAttribute("from", from),
                until is null ? null : new XAttribute("until", until));
        }

        var wrap = actions.Any(action => action.Name.LocalName is "addDisclaimer" or "addBanner")
            && rule.String("ApplyHtmlDisclaimerFallbackAction") is null or "Wrap";
        if (!stop && !failClosed && schedule is null && !wrap)
        {
            return null;
        }

        return new XElement(
            Namespace + "options",
            stop ? new XAttribute("stopProcessing", "true") : null,
            failClosed ? new XAttribute("onFailure", "failClosed") : null,
            schedule,
            wrap ? new XElement(Namespace + "specialMessages", new XAttribute("signedOrEncrypted", "wrap")) : null);
    }

    private static void Enabled(ExportedRule rule, ImportedRule result)
    {
        switch (rule.String("State"))
        {
            case null or "Enabled":
                break;
            case "Disabled":
                result.Enabled = false;
                result.Notes.Add(new ImportIssue("State", "Disabled", "disabled in Exchange; written disabled"));
                break;
            case var other:
                result.Enabled = false;
                result.NotImported.Add(new ImportIssue("State", other, Expected(rule, "State", "Enabled or Disabled") + "; written disabled"));
                break;
        }

        switch (rule.String("Mode"))
        {
            case null or "Enforce":
                break;
            case "Audit" or "AuditAndNotify":
                result.Enabled = false;
                result.Notes.Add(new ImportIssue("Mode", rule.String("Mode")!, "Exchange only tests this rule (no action is taken); written disabled. Check it with exrules test, then enable it"));
                break;
            case var other:
                result.Enabled = false;
                result.NotImported.Add(new ImportIssue("Mode", other, Expected(rule, "Mode", "Enforce, Audit or AuditAndNotify") + "; written disabled"));
                break;
        }
    }

    private static string? Date(ExportedRule rule, ImportedRule result, string property)
    {
        var text = rule.String(property);
        if (text is null)
        {
            return null;
        }

        if (ExchangeValues.Date(text) is { } date)
        {
            return date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        }

        result.NotImported.Add(new ImportIssue(property, text, "unreadable date (expected ISO 8601, as install/Export-TransportRules.ps1 writes it)"));
        return null;
    }

    private static IEnumerable<string> Addresses(ExportedRule rule, ImportedRule result, string property)
    {
        foreach (var value in rule.Strings(property))
        {
            if (value.Contains('@', StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal))
            {
                yield return value;
            }
            else
            {
                result.NotImported.Add(new ImportIssue(property, value, "a recipient identity that is not an SMTP address (a name, alias or DN) cannot be resolved offline; write the SMTP address"));
            }
        }
    }

    /// <summary>The template for a disclaimer text (one per distinct text), or <see langword="null"/> with the compile error.</summary>
    private string? Template(string ruleName, string html, out string error)
    {
        error = string.Empty;
        if (_templateByHtml.TryGetValue(html, out var existing))
        {
            return existing;
        }

        var text = HtmlDisclaimerText.Convert(html);
        try
        {
            _compiler.Compile(html, TemplateFormat.Html, ruleName);
            _compiler.Compile(text, TemplateFormat.Text, ruleName);
        }
        catch (TemplateCompileException exception)
        {
            error = exception.Message;
            return null;
        }

        var name = UniqueTemplateName(ruleName);
        _templateByHtml[html] = name;
        _templates.Add(new XElement(
            Namespace + "template",
            new XAttribute("name", name),
            new XElement(Namespace + "html", new XCData(html)),
            new XElement(Namespace + "text", new XCData(text))));
        return name;
    }

    private string UniqueTemplateName(string ruleName)
    {
        var slug = new StringBuilder();
        foreach (var character in ruleName.ToLowerInvariant())
        {
            slug.Append(char.IsAsciiLetterOrDigit(character) ? character : '-');
        }

        var baseName = string.Join('-', slug.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        baseName = baseName.Length == 0 ? "disclaimer" : baseName;
        var name = baseName;
        for (var i = 2; _templates.Any(template => (string?)template.Attribute("name") == name); i++)
        {
            name = baseName + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    private static string Expected(ExportedRule rule, string property, string expected) => rule.IsNumber(property)
        ? "the value is a number: export with install/Export-TransportRules.ps1, which writes enum values by name"
        : "unknown value; expected " + expected;

    private static bool LooksLikePredicate(string name) =>
        name.StartsWith("ExceptIf", StringComparison.OrdinalIgnoreCase)
        || _predicatePrefixes.Any(start => name.StartsWith(start, StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
