using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ExchangeRules.Testing;

/// <summary>
/// Files of this repository that tests read: the clone's root and the real-world corpus (tests/corpus). Tests read
/// nothing outside the clone, so a fresh clone on a fresh machine passes its own tests.
/// </summary>
internal static class TestRepository
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The clone's root folder: the nearest folder above the test's output that holds ExchangeRules.sln.</summary>
    public static string Root => _root.Value;

    /// <summary>The real-world message corpus (tests/corpus; its SOURCES.md names each file's origin and licence).</summary>
    public static string Corpus => Path.Combine(Root, "tests", "corpus");

    /// <summary>The corpus files listed in INDEX.tsv (messages, and a few raw TNEF streams tagged not-a-message), as full paths.</summary>
    public static IReadOnlyList<string> CorpusFiles() => CorpusIndex().Select(entry => entry.Path).ToList();

    /// <summary>The corpus messages with the name of their .eml file, in INDEX.tsv order.</summary>
    public static IEnumerable<string> CorpusEmlFiles() =>
        CorpusFiles().Where(path => path.EndsWith(".eml", StringComparison.Ordinal));

    /// <summary>The rows of INDEX.tsv: full path, top-level content type and tags.</summary>
    public static IReadOnlyList<CorpusEntry> CorpusIndex()
    {
        var index = Path.Combine(Corpus, "INDEX.tsv");
        if (!File.Exists(index))
        {
            throw new FileNotFoundException($"The test corpus index {index} is missing: tests/corpus is part of the repository.", index);
        }

        return File.ReadAllLines(index).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(columns => new CorpusEntry(
                Path.Combine(Corpus, columns[0].Replace('/', Path.DirectorySeparatorChar)),
                columns[0],
                columns.Length > 2 ? columns[2] : string.Empty,
                columns.Length > 3 ? columns[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>()))
            .ToList();
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ExchangeRules.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder with ExchangeRules.sln above {AppContext.BaseDirectory}: run the tests from a clone of the repository.");
    }
}

/// <summary>One row of the corpus index.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="RelativePath">The path as INDEX.tsv writes it (forward slashes, relative to tests/corpus).</param>
/// <param name="ContentType">The top-level content type.</param>
/// <param name="Tags">The heuristic tags (legend in SOURCES.md).</param>
internal sealed record CorpusEntry(string Path, string RelativePath, string ContentType, IReadOnlyList<string> Tags);
