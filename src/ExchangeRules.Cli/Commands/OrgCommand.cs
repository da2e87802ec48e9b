using System.CommandLine;

namespace ExchangeRules.Cli.Commands;

/// <summary><c>exrules org import</c>: the real organisation, from the exports of install/Export-Organization.ps1, as an organisation file for hybrid-check, serve and apply.</summary>
public static class OrgCommand
{
    /// <summary>Exit code when everything was determined.</summary>
    public const int Imported = 0;

    /// <summary>Exit code when the file was written but something could not be determined (listed).</summary>
    public const int PartlyDetermined = 1;

    /// <summary>Exit code when nothing was written.</summary>
    public const int Failed = 2;

    /// <summary>Creates the command with its sub-commands.</summary>
    public static Command Create()
    {
        var onPremises = new Option<string>("--on-premises") { Description = "The JSON of Export-Organization.ps1 -Side OnPremises.", Required = true };
        var online = new Option<string?>("--exchange-online") { Description = "The JSON of Export-Organization.ps1 -Side ExchangeOnline (hybrid organisations)." };
        var output = new Option<string>("--out") { Description = "The organisation file to write.", Required = true };
        var ldif = new Option<string?>("--ldif") { Description = "The directory for rules: an LDIF export (path as written into the file, relative to it)." };
        var ldap = new Option<string?>("--ldap") { Description = "The directory for rules: an LDAP URL (ldap://dc01.contoso.com)." };
        var baseDn = new Option<string?>("--base-dn") { Description = "With --ldap: the search base (default: the domain of the organisation's distinguished name)." };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file when it exists." };
        var import = new Command("import", "Turn the exports of install/Export-Organization.ps1 into an organisation file; lists what could not be determined.");
        import.Options.Add(onPremises);
        import.Options.Add(online);
        import.Options.Add(output);
        import.Options.Add(ldif);
        import.Options.Add(ldap);
        import.Options.Add(baseDn);
        import.Options.Add(force);
        import.SetAction(parseResult => new OrgImportRunner(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error).Run(
            parseResult.GetValue(onPremises)!,
            parseResult.GetValue(online),
            parseResult.GetValue(output)!,
            parseResult.GetValue(ldif),
            parseResult.GetValue(ldap),
            parseResult.GetValue(baseDn),
            parseResult.GetValue(force)));
        var command = new Command("org", "The organisation file: import the real organisation.");
        command.Subcommands.Add(import);
        return command;
    }
}
