using System;
using System.Collections.Generic;
using System.IO;

namespace ExchangeRules.Engine.Reload;

/// <summary>Keeps a copy of the last good rules file and the files it references in a local folder.</summary>
internal sealed class RuleFolderCache
{
    private const string _currentFolderName = "last-good";
    private readonly string _root;

    public RuleFolderCache(string root)
    {
        _root = root;
    }

    public string CachedRulesPath(string rulesFileName) => Path.Combine(_root, _currentFolderName, rulesFileName);

    /// <summary>Copies the rules file and its referenced files into a staging folder, then swaps it in.</summary>
    public void Store(string rulesPath, IReadOnlyList<string> referencedFiles)
    {
        var sourceFolder = Path.GetDirectoryName(Path.GetFullPath(rulesPath)) ?? string.Empty;
        System.IO.Directory.CreateDirectory(_root);
        var staging = Path.Combine(_root, ".staging-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(staging);
        try
        {
            File.Copy(rulesPath, Path.Combine(staging, Path.GetFileName(rulesPath)));
            foreach (var relative in referencedFiles)
            {
                var target = Path.Combine(staging, relative);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(sourceFolder, relative), target);
            }

            var current = Path.Combine(_root, _currentFolderName);
            if (System.IO.Directory.Exists(current))
            {
                System.IO.Directory.Delete(current, recursive: true);
            }

            System.IO.Directory.Move(staging, current);
        }
        finally
        {
            if (System.IO.Directory.Exists(staging))
            {
                System.IO.Directory.Delete(staging, recursive: true);
            }
        }
    }
}
