namespace ExchangeRules.Cli.Migration;

/// <summary>A part of an Exchange rule that was not imported, or imported with a difference, and why.</summary>
/// <param name="Property">The Get-TransportRule property (for example <c>ExceptIfSentToScope</c>).</param>
/// <param name="Value">Its value as exported.</param>
/// <param name="Reason">Why, and what to do about it.</param>
internal sealed record ImportIssue(string Property, string Value, string Reason)
{
    public override string ToString() => Value.Length > 0 ? $"{Property} = {Value}: {Reason}" : $"{Property}: {Reason}";
}
