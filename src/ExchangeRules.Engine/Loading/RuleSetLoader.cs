using System;
using System.Collections.Generic;
using System.IO;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Evaluation;
using ExchangeRules.Engine.Templates;

namespace ExchangeRules.Engine.Loading;

/// <summary>
/// Loads a rules file: XSD validation, semantic checks (every error at once, each with its location), template
/// compilation and compilation into an immutable <see cref="IRulePlan"/>. The agent, the harness and
/// <c>exrules validate</c> all use this one validator.
/// </summary>
public static class RuleSetLoader
{
    /// <summary>Loads and compiles a rules file.</summary>
    /// <param name="path">The rules XML file; templates, images and attachments are relative to it.</param>
    /// <param name="templateCompiler">Compiles the templates (once, at load).</param>
    /// <param name="options">Limits; <see cref="RuleLoadOptions.Default"/> when null.</param>
    /// <returns>The compiled plan, safe to evaluate from many threads.</returns>
    /// <exception cref="RuleConfigurationException">The file or a file it references is not valid; carries every error.</exception>
    public static IRulePlan Load(string path, ITemplateCompiler templateCompiler, RuleLoadOptions? options = null)
    {
        if (templateCompiler is null)
        {
            throw new ArgumentNullException(nameof(templateCompiler));
        }

        var result = LoadCore(path, templateCompiler, options ?? RuleLoadOptions.Default);
        return result.Plan ?? throw new RuleConfigurationException(path, result.Errors);
    }

    /// <summary>Validates a rules file and returns every error (empty when valid); never throws for an invalid file.</summary>
    /// <param name="path">The rules XML file.</param>
    /// <param name="templateCompiler">Compiles the templates to find template errors; when null, template files are only checked to exist and be readable.</param>
    /// <param name="options">Limits; <see cref="RuleLoadOptions.Default"/> when null.</param>
    public static IReadOnlyList<RuleError> Validate(string path, ITemplateCompiler? templateCompiler, RuleLoadOptions? options = null) =>
        LoadCore(path, templateCompiler, options ?? RuleLoadOptions.Default).Errors;

    internal static LoadResult LoadCore(string path, ITemplateCompiler? templateCompiler, RuleLoadOptions options)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var context = new LoadContext(path, templateCompiler, options);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            context.Add(path, 0, 0, "the rules file cannot be read: " + exception.Message);
            return new LoadResult(null, context.SortedErrors(), context.ReferencedFiles, context.WatchedFiles);
        }

        if (!NestingCheck.WithinLimits(path, bytes, context))
        {
            return new LoadResult(null, context.SortedErrors(), context.ReferencedFiles, context.WatchedFiles);
        }

        using var stream = new MemoryStream(bytes, writable: false);
        var document = RuleDocumentReader.Read(path, stream, context);
        if (document is null)
        {
            return new LoadResult(null, context.SortedErrors(), context.ReferencedFiles, context.WatchedFiles);
        }

        try
        {
            var rules = new RuleSetBuilder(context).Build(document);
            var plan = context.HasErrors || templateCompiler is null ? null : new RulePlan(rules, context.FullPath);
            return new LoadResult(plan, context.SortedErrors(), context.ReferencedFiles, context.WatchedFiles);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A defect of ours, or a template compiler that throws something other than a compile error: reported
            // as an error of this file (validate and hot reload keep running) rather than thrown at the caller.
            context.Add(path, 0, 0, $"the rules could not be loaded ({exception.GetType().Name}: {exception.Message}); please report this with the file");
            return new LoadResult(null, context.SortedErrors(), context.ReferencedFiles, context.WatchedFiles);
        }
    }

    internal sealed class LoadResult
    {
        public LoadResult(RulePlan? plan, IReadOnlyList<RuleError> errors, IReadOnlyList<string> referencedFiles, IReadOnlyList<string> watchedFiles)
        {
            WatchedFiles = watchedFiles;
            Plan = plan;
            Errors = errors;
            ReferencedFiles = referencedFiles;
        }

        public RulePlan? Plan { get; }

        public IReadOnlyList<RuleError> Errors { get; }

        public IReadOnlyList<string> ReferencedFiles { get; }

        /// <summary>The referenced files and those that were named but missing: what hot reload watches.</summary>
        public IReadOnlyList<string> WatchedFiles { get; }
    }
}
