using System;
using System.IO;
using ExchangeRules.Engine.Compilation;
using ExchangeRules.Engine.Loading;

namespace ExchangeRules.Engine.Tests.Support;

/// <summary>A temporary folder holding a rules file and the files it references; deleted on dispose.</summary>
internal sealed class RuleFolder : IDisposable
{
    public const string Namespace = "urn:exchangerules:rules:v1";

    public RuleFolder()
    {
        Directory = Path.Combine(Path.GetTempPath(), "exrules-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        RulesPath = Path.Combine(Directory, "rules.xml");
    }

    public string Directory { get; }

    public string RulesPath { get; }

    public FakeTemplateCompiler Compiler { get; } = new();

    /// <summary>Wraps rule elements in a rules document with a signature template.</summary>
    public static string Document(string body, string templates = "") =>
        $$$"""
        <?xml version="1.0" encoding="utf-8"?>
        <rules xmlns="{{{Namespace}}}">
          <templates>
            <template name="sig">
              <html><![CDATA[<p>{{name}}</p>]]></html>
              <text><![CDATA[-- {{name}}]]></text>
            </template>{{{templates}}}
          </templates>
        {{{body}}}
        </rules>
        """;

    /// <summary>One rule with the given conditions (and exceptions) that sets a header.</summary>
    public static string SingleRule(string conditions, string exceptions = "") =>
        Document($"""
          <rule name="R">
            <conditions>{conditions}</conditions>
            {(exceptions.Length > 0 ? "<exceptions>" + exceptions + "</exceptions>" : string.Empty)}
            <actions><setHeader name="X-Hit">yes</setHeader></actions>
          </rule>
        """);

    public RuleFolder WriteRules(string xml)
    {
        File.WriteAllText(RulesPath, xml);
        return this;
    }

    public RuleFolder WriteFile(string relativePath, string content)
    {
        var full = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public RuleFolder WriteBytes(string relativePath, byte[] content)
    {
        var full = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return this;
    }

    public RulePlan Load(RuleLoadOptions? options = null) => (RulePlan)RuleSetLoader.Load(RulesPath, Compiler, options);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold a handle for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
