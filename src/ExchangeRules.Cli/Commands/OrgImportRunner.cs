using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using ExchangeRules.Cli.Migration;
using ExchangeRules.Harness.Organization;

namespace ExchangeRules.Cli.Commands;

/// <summary>Runs <c>exrules org import</c>: read both exports, write and validate the organisation file, list what was not determined.</summary>
internal sealed class OrgImportRunner
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public OrgImportRunner(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
    }

    public int Run(string onPremisesPath, string? onlinePath, string outputPath, string? ldif, string? ldap, string? baseDn, bool force)
    {
        if (File.Exists(outputPath) && !force)
        {
            _error.WriteLine($"{outputPath}: exists; give --force to overwrite it.");
            return OrgCommand.Failed;
        }

        if (ldif is not null && ldap is not null)
        {
            _error.WriteLine("give --ldif or --ldap, not both.");
            return OrgCommand.Failed;
        }

        OrganizationExport onPremises;
        OrganizationExport? online = null;
        XDocument document;
        var importer = new OrganizationImporter();
        try
        {
            onPremises = Read(onPremisesPath, "OnPremises");
            online = onlinePath is null ? null : Read(onlinePath, "ExchangeOnline");
            document = importer.Import(onPremises, online, Directory(onPremises, ldif, ldap, baseDn));
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            _error.WriteLine(exception.Message);
            return OrgCommand.Failed;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(folder))
        {
            System.IO.Directory.CreateDirectory(folder);
        }

        using (var writer = XmlWriter.Create(outputPath, new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        foreach (var line in importer.Undetermined)
        {
            _output.WriteLine("not determined: " + line);
        }

        foreach (var line in importer.Notes)
        {
            _output.WriteLine("note: " + line);
        }

        try
        {
            var model = OrganizationFile.Load(outputPath);
            _output.WriteLine($"{outputPath}: {model.AcceptedDomains.Count} accepted domain(s), {model.Recipients.Count} recipient(s), {(model.Hybrid is null ? "no hybrid" : "hybrid with " + model.Hybrid.TenantDomain)}; {importer.Undetermined.Count} thing(s) not determined. Next: exrules hybrid-check --org {outputPath}");
        }
        catch (OrganizationFileException exception)
        {
            _error.WriteLine($"{exception.FileName}:{exception.Line}:{exception.Column}: {exception.Message}");
            _error.WriteLine($"{outputPath}: the imported file does not validate; fix the export or the file by hand.");
            return OrgCommand.Failed;
        }

        return importer.Undetermined.Count == 0 ? OrgCommand.Imported : OrgCommand.PartlyDetermined;
    }

    private static OrganizationExport Read(string path, string side)
    {
        try
        {
            return OrganizationExport.Parse(File.ReadAllBytes(path), path, side);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{path}:{(exception.LineNumber ?? 0) + 1}:{(exception.BytePositionInLine ?? 0) + 1}: not JSON: {exception.Message}", exception);
        }
    }

    private static List<XAttribute> Directory(OrganizationExport onPremises, string? ldif, string? ldap, string? baseDn)
    {
        if (ldif is not null)
        {
            return new List<XAttribute> { new("ldif", ldif) };
        }

        if (ldap is null)
        {
            return new List<XAttribute>();
        }

        var organizationDn = onPremises.Object("OrganizationConfig") is { } config ? OrganizationExport.Text(config, "DistinguishedName") : null;
        var derived = organizationDn is null ? null : string.Join(",", organizationDn.Split(',').Where(part => part.TrimStart().StartsWith("DC=", StringComparison.OrdinalIgnoreCase)));
        var search = baseDn ?? (string.IsNullOrEmpty(derived) ? null : derived);
        return search is null ? new List<XAttribute> { new("ldap", ldap) } : new List<XAttribute> { new("ldap", ldap), new("baseDn", search) };
    }
}
