using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ExchangeRules.Harness.Tests.Tnef;

/// <summary>The corpus messages (not raw TNEF streams), found in the repository's test corpus.</summary>
internal static class HarnessCorpus
{
    public static IEnumerable<string> MessageFiles()
    {
        string corpus = Find();
        return File.ReadAllLines(Path.Combine(corpus, "INDEX.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(columns => !columns[3].Contains("not-a-message", StringComparison.Ordinal))
            .Select(columns => Path.Combine(corpus, columns[0]));
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(dir.FullName, "tests", "corpus"), Path.Combine(dir.FullName, "shared", "corpus") })
            {
                if (File.Exists(Path.Combine(candidate, "INDEX.tsv")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"No corpus (INDEX.tsv) found above {AppContext.BaseDirectory}.");
    }
}
