using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeRules.Harness.Organization;

namespace ExchangeRules.Harness.Samples;

/// <summary>The shipped samples (samples/org, samples/messages), embedded so the demo needs no files.</summary>
public static class SampleData
{
    private const string _prefix = "ExchangeRules.Harness.Samples.";

    /// <summary>The sample hybrid organisation (samples/org/contoso-hybrid.xml).</summary>
    public static OrganizationModel Organization()
    {
        using var stream = Open(_prefix + "org.contoso-hybrid.xml");
        return OrganizationFile.Load(stream, "samples/org/contoso-hybrid.xml (embedded)", AppContext.BaseDirectory);
    }

    /// <summary>
    /// The sample messages by file name. A name starting with <c>internet-</c> is sent anonymously from the
    /// internet; every other message is submitted by its From address.
    /// </summary>
    public static IReadOnlyList<(string Name, byte[] Mime)> Messages()
    {
        var assembly = typeof(SampleData).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(_prefix + "messages.", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = Open(n);
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                return (n.Substring((_prefix + "messages.").Length), buffer.ToArray());
            })
            .ToList();
    }

    private static Stream Open(string name) =>
        typeof(SampleData).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The embedded sample {name} is missing from the harness assembly.");
}
