using ExchangeRules.Cli.Migration;

namespace ExchangeRules.Cli.Lint;

/// <summary>An Exchange transport rule as the lint sees it: whether it acts, and the directions its scopes allow.</summary>
internal static class ExchangeRuleScope
{
    /// <summary>Enabled and enforced (a disabled or test-mode rule changes no message).</summary>
    public static bool Acts(ExportedRule rule) =>
        rule.String("State") is null or "Enabled" && rule.String("Mode") is null or "Enforce";

    public static Directions Of(ExportedRule rule)
    {
        var directions = new Directions(Directions.All);
        directions = Scope(rule.String("FromScope")) is { } from ? directions.Intersect(Directions.OfSenderScope(from)) : directions;
        directions = Scope(rule.String("SentToScope")) is { } to ? directions.Intersect(Directions.OfRecipientScope(to)) : directions;
        directions = Scope(rule.String("ExceptIfFromScope")) is { } exceptFrom ? directions.Except(Directions.OfSenderScope(exceptFrom)) : directions;
        directions = Scope(rule.String("ExceptIfSentToScope")) is { } exceptTo ? directions.Except(Directions.OfRecipientScope(exceptTo)) : directions;
        return directions;
    }

    private static string? Scope(string? exchange) => exchange switch
    {
        "InOrganization" => "inside",
        "NotInOrganization" or "ExternalPartner" or "ExternalNonPartner" => "outside",
        _ => null,
    };
}
