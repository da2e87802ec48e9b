using System;
using System.IO;
using Microsoft.Exchange.Data.Transport.Routing;
using PublicApiGenerator;
using Xunit;

namespace Microsoft.Exchange.Data.Transport.Tests.PublicApi;

/// <summary>
/// The public surface must stay exactly the approved subset of Exchange 2013 CU23. When this fails, compare
/// the .received.txt written beside the approved file in the test output with the reference
/// (shared/reference/exchange-transport-api.md §1) and, only if the change is right, copy it over
/// PublicApi/Microsoft.Exchange.Data.Transport.approved.txt.
/// </summary>
public sealed class PublicApiApprovalTests
{
    private const string _approvedFileName = "Microsoft.Exchange.Data.Transport.approved.txt";

    [Fact]
    public void PublicApi_MatchesApprovedListing()
    {
        string actual = Normalize(typeof(RoutingAgent).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // By default the generator treats Microsoft.* namespaces as not ours and prints nothing.
            AllowNamespacePrefixes = new[] { "Microsoft.Exchange" },
            ExcludeAttributes = new[] { "System.Runtime.Versioning.TargetFrameworkAttribute" },
        }));
        string approvedPath = Path.Combine(AppContext.BaseDirectory, "PublicApi", _approvedFileName);
        string approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : string.Empty;

        if (actual != approved)
        {
            string receivedPath = Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt";
            Directory.CreateDirectory(Path.GetDirectoryName(receivedPath)!);
            File.WriteAllText(receivedPath, actual);
            Assert.Fail($"The public API of the reference assembly drifted from the approved listing. Received: {receivedPath}");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() + "\n";
}
