using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ExchangeRules.Engine.Templates;

namespace ExchangeRules.Engine.Loading;

/// <summary>State shared while one rules file loads: errors, options, referenced files.</summary>
internal sealed class LoadContext
{
    private readonly List<RuleError> _errors = new();
    private readonly List<string> _referencedFiles = new();
    private readonly List<string> _watchedFiles = new();

    public LoadContext(string path, ITemplateCompiler? compiler, RuleLoadOptions options)
    {
        Path = path;
        FullPath = System.IO.Path.GetFullPath(path);
        BaseDirectory = System.IO.Path.GetDirectoryName(FullPath) ?? string.Empty;
        Compiler = compiler;
        Options = options;
    }

    public string Path { get; }

    public string FullPath { get; }

    public string BaseDirectory { get; }

    public ITemplateCompiler? Compiler { get; }

    public RuleLoadOptions Options { get; }

    public TimeSpan DefaultRegexTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    public IReadOnlyList<RuleError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>The files the rules reference (templates, images, attachments), as paths relative to the rules folder.</summary>
    public IReadOnlyList<string> ReferencedFiles => _referencedFiles;

    /// <summary>
    /// Every file the rules name inside the rules folder, found or not, relative to it: hot reload watches them so
    /// a rules file that arrived before its templates is loaded again when they arrive.
    /// </summary>
    public IReadOnlyList<string> WatchedFiles => _watchedFiles;

    public void Add(string path, int line, int column, string message) => _errors.Add(new RuleError(path, line, column, message));

    public void Add(XObject at, string message)
    {
        var info = (IXmlLineInfo)at;
        Add(Path, info.HasLineInfo() ? info.LineNumber : 0, info.HasLineInfo() ? info.LinePosition : 0, message);
    }

    public IReadOnlyList<RuleError> SortedErrors() =>
        _errors.Select((error, order) => (error, order))
            .OrderBy(item => item.error.Path == Path ? 0 : 1)
            .ThenBy(item => item.error.Line)
            .ThenBy(item => item.error.Column)
            .ThenBy(item => item.order)
            .Select(item => item.error)
            .ToArray();

    /// <summary>Resolves a file reference relative to the rules file; it must stay inside the rules folder.</summary>
    public string? ResolveFile(XObject at, string reference)
    {
        // Checked here, the same on every runtime: .NET Framework (the agent) throws from Path APIs for these
        // characters, .NET on Linux (exrules validate) accepts them, and an exception on the reload timer's
        // thread would end the Transport service.
        var problem = PortablePath.Problem(reference);
        if (problem is not null)
        {
            Add(at, $"file '{reference}' is not a valid file name on Windows: {problem}");
            return null;
        }

        if (System.IO.Path.IsPathRooted(reference))
        {
            Add(at, $"file '{reference}' must be relative to the rules file (so the rules folder can be copied and cached as a whole)");
            return null;
        }

        string full;
        try
        {
            full = System.IO.Path.GetFullPath(System.IO.Path.Combine(BaseDirectory, reference));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            Add(at, $"file '{reference}' is not a valid path: {exception.Message}");
            return null;
        }

        var root = BaseDirectory.EndsWith(System.IO.Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? BaseDirectory : BaseDirectory + System.IO.Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.OrdinalIgnoreCase))
        {
            Add(at, $"file '{reference}' is outside the rules folder (so the rules folder can be copied and cached as a whole, keep referenced files inside it)");
            return null;
        }

        var relative = full.Substring(root.Length);
        if (!_watchedFiles.Contains(relative, StringComparer.OrdinalIgnoreCase))
        {
            _watchedFiles.Add(relative);
        }

        if (!File.Exists(full))
        {
            Add(at, $"file '{reference}' was not found (looked for {full})");
            return null;
        }

        if (!_referencedFiles.Contains(relative, StringComparer.OrdinalIgnoreCase))
        {
            _referencedFiles.Add(relative);
        }

        return full;
    }

    public byte[]? ReadBytes(XObject at, string reference, int maxBytes, string what)
    {
        var full = ResolveFile(at, reference);
        if (full is null)
        {
            return null;
        }

        try
        {
            var length = new FileInfo(full).Length;
            if (length > maxBytes)
            {
                Add(at, $"{what} '{reference}' is {length} bytes, more than the limit of {maxBytes} bytes");
                return null;
            }

            return File.ReadAllBytes(full);
        }
        catch (IOException exception)
        {
            Add(at, $"{what} '{reference}' cannot be read: {exception.Message}");
            return null;
        }
        catch (UnauthorizedAccessException exception)
        {
            Add(at, $"{what} '{reference}' cannot be read: {exception.Message}");
            return null;
        }
    }

    private string ResolvedPath(string reference) => System.IO.Path.GetFullPath(System.IO.Path.Combine(BaseDirectory, reference));

    public string? ReadText(XObject at, string reference, out string? fullPath)
    {
        fullPath = null;
        var bytes = ReadBytes(at, reference, Options.MaxTemplateBytes, "template file");
        if (bytes is null)
        {
            return null;
        }

        fullPath = ResolvedPath(reference);
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
