using System;
using System.IO;

namespace ExchangeRules.Cli.Tests.Support;

/// <summary>
/// A private copy of the agent folder of TestData/CustomFields (configuration declaring custom directory attributes,
/// rules, LDIF directory, a message), deleted when the test ends.
/// </summary>
internal sealed class CustomFieldsAgentFolder : IDisposable
{
    public CustomFieldsAgentFolder(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "CustomFields");
        foreach (var file in System.IO.Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The agent configuration of the folder.</summary>
    public string Configuration => System.IO.Path.Combine(Path, "ExchangeRules.config.xml");

    /// <summary>The rules file of the folder.</summary>
    public string Rules => System.IO.Path.Combine(Path, "Rules", "rules.xml");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the run.
        }
    }
}
