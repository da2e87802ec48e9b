using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml;
using ExchangeRules.Cli.Migration;
using ExchangeRules.Engine.Loading;
using ExchangeRules.Templates;

namespace ExchangeRules.Cli.Commands;

/// <summary>Runs <c>exrules import transport-rules</c>: read the export, write the rules file, print the report, validate what was written.</summary>
internal sealed class TransportRuleImportRunner
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public TransportRuleImportRunner(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
    }

    public int Run(string exportPath, string outputPath, bool force)
    {
        if (File.Exists(outputPath) && !force)
        {
            _error.WriteLine($"{outputPath}: exists; give --force to overwrite it.");
            return ImportCommand.Failed;
        }

        System.Collections.Generic.IReadOnlyList<ExportedRule> export;
        try
        {
            export = TransportRuleImporter.ReadExport(File.ReadAllBytes(exportPath));
        }
        catch (JsonException exception)
        {
            _error.WriteLine($"{exportPath}:{(exception.LineNumber ?? 0) + 1}:{(exception.BytePositionInLine ?? 0) + 1}: not the JSON of Get-TransportRule: {exception.Message}");
            return ImportCommand.Failed;
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"{exportPath}: {exception.Message}");
            return ImportCommand.Failed;
        }

        var (document, rules) = new TransportRuleImporter().Import(export);
        var folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(folder))
        {
            System.IO.Directory.CreateDirectory(folder);
        }

        using (var writer = XmlWriter.Create(outputPath, new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        foreach (var rule in rules)
        {
            var state = rule.Rule is null ? "not imported" : rule.Enabled ? "imported" : "imported, disabled";
            _output.WriteLine($"[{rule.Priority}] {rule.Name}: {state}");
            foreach (var issue in rule.NotImported)
            {
                _output.WriteLine($"    not imported: {issue}");
            }

            foreach (var note in rule.Notes)
            {
                _output.WriteLine($"    note: {note}");
            }
        }

        var written = rules.Count(rule => rule.Rule is not null);
        var incomplete = rules.Count(rule => rule.Rule is null || !rule.Enabled || rule.NotImported.Count > 0);
        _output.WriteLine($"{outputPath}: {written} of {rules.Count} rule(s) written; {incomplete} need attention (not imported, disabled or with parts not imported).");
        try
        {
            RuleSetLoader.Load(outputPath, new FluidTemplateCompiler());
        }
        catch (RuleConfigurationException exception)
        {
            foreach (var error in exception.Errors)
            {
                _error.WriteLine(error.ToString());
            }

            _error.WriteLine($"{outputPath}: the imported file does not validate ({exception.Errors.Count} error(s)); this is a bug in the importer, please report it with the export.");
            return ImportCommand.Failed;
        }

        return incomplete == 0 ? ImportCommand.Imported : ImportCommand.PartlyImported;
    }
}
