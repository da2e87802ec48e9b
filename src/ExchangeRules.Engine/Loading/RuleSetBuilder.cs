using System;
using System.Collections.Generic;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ExchangeRules.Engine.Actions;
using ExchangeRules.Engine.Compilation;
using static ExchangeRules.Engine.Loading.XmlValues;

namespace ExchangeRules.Engine.Loading;

/// <summary>Turns a schema-validated rules document into compiled rules, running the semantic checks.</summary>
internal sealed class RuleSetBuilder
{
    private readonly LoadContext _context;

    public RuleSetBuilder(LoadContext context)
    {
        _context = context;
    }

    public IReadOnlyList<CompiledRule> Build(XDocument document)
    {
        var root = document.Root!;
        ReadRegexTimeout(root);
        var templates = new TemplateBuilder(_context).Build(root.Element(Name("templates")));
        var conditions = new ConditionBuilder(_context);
        var actions = new ActionBuilder(_context, templates);
        var rules = new List<CompiledRule>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in root.Elements(Name("rule")))
        {
            var name = Attribute(element, "name") ?? string.Empty;
            if (names.TryGetValue(name, out var firstLine))
            {
                _context.Add(element.Attribute("name") ?? (XObject)element, $"duplicate rule name '{name}' (first defined on line {firstLine.ToString(CultureInfo.InvariantCulture)}); rule names must be unique");
            }
            else
            {
                names[name] = ((IXmlLineInfo)element).LineNumber;
            }

            var options = element.Element(Name("options"));
            var policy = options is not null && Attribute(options, "onFailure") == "failClosed" ? FailurePolicy.FailClosed : FailurePolicy.FailOpen;
            var actionsElement = element.Element(Name("actions"));
            var special = SpecialMessagesBuilder.Build(options?.Element(Name("specialMessages")), actionsElement, _context);
            var compiledActions = actions.Build(actionsElement, name, policy, special, out var stopAction);
            var stopOption = options is not null && Bool(options, "stopProcessing", false);
            var schedule = ScheduleBuilder.Build(options?.Element(Name("schedule")), _context);
            rules.Add(new CompiledRule(
                name,
                Bool(element, "enabled", true),
                conditions.BuildGroup(element.Element(Name("conditions")), GroupKind.All),
                conditions.BuildGroup(element.Element(Name("exceptions")), GroupKind.Any),
                compiledActions,
                stopAction || stopOption,
                policy,
                schedule,
                special));
        }

        return rules;
    }

    private void ReadRegexTimeout(XElement root)
    {
        var attribute = root.Attribute("regexTimeoutMilliseconds");
        if (attribute is null || !int.TryParse(attribute.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return;
        }

        if (milliseconds < 1 || milliseconds > _context.Options.MaxRegexTimeoutMilliseconds)
        {
            _context.Add(attribute, $"regular expression timeout {milliseconds} ms is not bounded: use 1 to {_context.Options.MaxRegexTimeoutMilliseconds} ms so a pathological pattern cannot stall mail flow");
            return;
        }

        _context.DefaultRegexTimeout = TimeSpan.FromMilliseconds(milliseconds);
    }
}
