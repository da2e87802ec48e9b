namespace ExchangeRules.Cli.Lint;

/// <summary>One coexistence problem, where it is, and the change that fixes it.</summary>
/// <param name="Place"><c>path:line:column</c> of the rule concerned (or the export file).</param>
/// <param name="Message">What goes wrong, for which messages.</param>
/// <param name="Fix">The PowerShell command or XML change that fixes it.</param>
internal sealed record LintWarning(string Place, string Message, string Fix);
