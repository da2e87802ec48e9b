using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Testing;

namespace ExchangeRules.Harness.Tests.Tnef;

/// <summary>The corpus messages of the repository (not the raw TNEF streams).</summary>
internal static class HarnessCorpus
{
    public static IEnumerable<string> MessageFiles() =>
        TestRepository.CorpusIndex().Where(entry => !entry.Tags.Contains("not-a-message")).Select(entry => entry.Path);
}
