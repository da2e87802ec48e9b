using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ExchangeRules.Cli.Migration;

namespace ExchangeRules.Cli.Lint;

/// <summary>
/// Finds what makes ExchangeRules and the rest of the server step on each other: Exchange rules that stamp the
/// same mail (double disclaimers), signing or encrypting agents that run first, rules that decide "external" from
/// the From header alone, and two of our rules stamping the same part of one message.
/// </summary>
internal static partial class CoexistenceLinter
{
    private static readonly XNamespace _ns = "urn:exchangerules:rules:v1";

    public static IEnumerable<LintWarning> OurRules(IReadOnlyList<OurRule> rules)
    {
        var active = rules.Where(rule => rule.Enabled).ToList();
        foreach (var rule in active)
        {
            foreach (var group in rule.Insertions.GroupBy(OurRule.Kind).Where(group => group.Count() > 1))
            {
                yield return new LintWarning(rule.Place, $"rule '{rule.Name}' inserts {group.Count()} {group.Key}s: every message it applies to gets them all", $"XML: keep one {group.Key} in the rule, or move the other to its own rule with its own conditions");
            }

            if (RelyOnFromHeaderForExternal(rule))
            {
                yield return new LintWarning(rule.Place, $"rule '{rule.Name}' tells external mail from internal by the sender's address in the From header only: a message from the internet that forges one of your addresses is treated as internal, and internal mail sent with another From is treated as external", "XML: add <direction>incoming</direction> (or <senderScope>outside</senderScope>) to its conditions; keep the senderDomain exception only for partners you trust");
            }
        }

        for (var later = 0; later < active.Count; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                var first = active[earlier];
                var second = active[later];
                if (first.StopsProcessing)
                {
                    continue;
                }

                var overlap = first.Directions.Intersect(second.Directions);
                var parts = first.Insertions.Select(OurRule.Kind).Intersect(second.Insertions.Select(OurRule.Kind), StringComparer.Ordinal).ToList();
                if (overlap.IsEmpty || parts.Count == 0)
                {
                    continue;
                }

                yield return new LintWarning(
                    second.Place,
                    $"rules '{first.Name}' and '{second.Name}' both stamp the {string.Join(", ", parts)} on {overlap}: a message both match gets it twice (their other conditions may keep them apart; check with exrules test)",
                    $"XML: make them exclusive — <options stopProcessing=\"true\"/> on '{first.Name}', or an exception in '{second.Name}' with the conditions of '{first.Name}'");
            }
        }
    }

    public static IEnumerable<LintWarning> ExchangeRules(IReadOnlyList<OurRule> rules, IReadOnlyList<ExportedRule> exchange, string exportPath)
    {
        var active = rules.Where(rule => rule.Enabled).ToList();
        foreach (var theirs in exchange.Where(ExchangeRuleScope.Acts))
        {
            var directions = ExchangeRuleScope.Of(theirs);
            var identity = Quote(theirs.Name);
            if (theirs.String("ApplyHtmlDisclaimerText") is not null)
            {
                // Exchange appends at the bottom (a disclaimer) or prepends at the top (a banner).
                var kind = theirs.String("ApplyHtmlDisclaimerLocation") == "Prepend" ? "banner" : "disclaimer";
                foreach (var ours in active.Where(rule => rule.Insertions.Select(OurRule.Kind).Contains(kind, StringComparer.Ordinal) && !rule.Directions.Intersect(directions).IsEmpty))
                {
                    yield return new LintWarning(
                        ours.Place,
                        $"Exchange transport rule '{theirs.Name}' ({exportPath}) also {(kind == "banner" ? "prepends" : "appends")} a disclaimer to {ours.Directions.Intersect(directions)} that rule '{ours.Name}' stamps with a {kind}: recipients get both (double disclaimers)",
                        $"PowerShell: Disable-TransportRule -Identity {identity}   (bring it over first with exrules import transport-rules)");
                }
            }

            if (theirs.String("PrependSubject") is { } tag)
            {
                foreach (var ours in active.Where(rule => rule.SubjectTags.Contains(tag.Trim(), StringComparer.OrdinalIgnoreCase) && !rule.Directions.Intersect(directions).IsEmpty))
                {
                    yield return new LintWarning(
                        ours.Place,
                        $"Exchange transport rule '{theirs.Name}' also prepends '{tag.Trim()}' to the subject of {ours.Directions.Intersect(directions)}: depending on which runs first the subject reads '{tag.Trim()} {tag.Trim()} ...'",
                        $"PowerShell: Disable-TransportRule -Identity {identity}   (or Set-TransportRule -Identity {identity} -PrependSubject $null)");
                }
            }

            var inserts = theirs.String("ApplyHtmlDisclaimerText") is not null || theirs.String("PrependSubject") is not null;
            if (inserts && theirs.String("FromScope") is null && theirs.Strings("ExceptIfSenderDomainIs").Count > 0 && theirs.String("SenderAddressLocation") is null or "Header")
            {
                yield return new LintWarning(
                    exportPath,
                    $"Exchange transport rule '{theirs.Name}' tells external mail from internal by the From header only (ExceptIfSenderDomainIs {string.Join(", ", theirs.Strings("ExceptIfSenderDomainIs"))} without FromScope): forged internal senders escape it",
                    $"PowerShell: Set-TransportRule -Identity {identity} -FromScope NotInOrganization");
            }
        }
    }

    public static IEnumerable<LintWarning> Agents(JsonElement agents, string exportPath, string ourAgent)
    {
        var list = (agents.ValueKind == JsonValueKind.Array ? agents.EnumerateArray().ToList() : new List<JsonElement> { agents })
            .Where(agent => agent.ValueKind == JsonValueKind.Object)
            .Select(agent => (Identity: Text(agent, "Identity") ?? Text(agent, "Name") ?? string.Empty, Factory: Text(agent, "TransportAgentFactory") ?? string.Empty, Enabled: Text(agent, "Enabled") is null or "True" or "true", Priority: int.TryParse(Text(agent, "Priority"), out var priority) ? priority : int.MaxValue))
            .ToList();
        var ours = list.FirstOrDefault(agent => string.Equals(agent.Identity, ourAgent, StringComparison.OrdinalIgnoreCase));
        if (ours.Identity is null or { Length: 0 })
        {
            yield return new LintWarning(exportPath, $"no transport agent named '{ourAgent}' in the export: on this server no message is stamped", "PowerShell: .\\Install-ExchangeRules.ps1   (or give --agent-name when it was installed under another name)");
            yield break;
        }

        if (!ours.Enabled)
        {
            yield return new LintWarning(exportPath, $"the transport agent '{ourAgent}' is disabled: no message is stamped", $"PowerShell: Enable-TransportAgent -Identity {Quote(ourAgent)}; Restart-Service MSExchangeTransport");
        }

        foreach (var agent in list.Where(agent => agent.Enabled && agent.Priority < ours.Priority && SignsOrEncrypts().IsMatch(agent.Identity + " " + agent.Factory)))
        {
            yield return new LintWarning(
                exportPath,
                $"transport agent '{agent.Identity}' (priority {agent.Priority}) signs or encrypts and runs before '{ourAgent}' (priority {ours.Priority}): a DKIM signature breaks when we change the body after it, and an encrypted body cannot be stamped",
                $"PowerShell: Set-TransportAgent -Identity {Quote(ourAgent)} -Priority {agent.Priority}; Restart-Service MSExchangeTransport");
        }
    }

    private static bool RelyOnFromHeaderForExternal(OurRule rule)
    {
        var conditions = rule.Element.Element(_ns + "conditions");
        var exceptions = rule.Element.Element(_ns + "exceptions");
        var scoped = conditions?.Elements().Any(condition => condition.Name.LocalName is "direction" or "senderScope") == true;
        if (scoped)
        {
            return false;
        }

        static bool FromHeader(XElement condition) =>
            condition.Name.LocalName is "senderDomain" or "senderAddress" && (string?)condition.Attribute("location") is null or "header";
        var excepted = exceptions?.Elements().Any(FromHeader) == true;
        var negated = conditions?.Elements(_ns + "not").Any(not => not.Descendants().Any(FromHeader)) == true;
        return excepted || negated;
    }

    private static string? Text(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    JsonValueKind.True => "True",
                    JsonValueKind.False => "False",
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return null;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"dkim|s/?mime|encrypt|pgp|signer|signing", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignsOrEncrypts();
}
