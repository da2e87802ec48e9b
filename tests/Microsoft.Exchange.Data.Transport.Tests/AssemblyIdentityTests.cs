using System;
using System.IO;
using System.Linq;
using System.Reflection;
using ExchangeRules.Testing;
using Microsoft.Exchange.Data.Transport.Routing;
using Xunit;

namespace Microsoft.Exchange.Data.Transport.Tests;

public sealed class AssemblyIdentityTests
{
    // Microsoft's shared public key (dotnet/arcade StrongName.props, _microsoftSharedPublicKey): token 31bf3856ad364e35.
    private const string _microsoftSharedPublicKey =
        "0024000004800000940000000602000000240000525341310004000001000100b5fc90e7027f67871e773a8fde8938c81dd402ba65b9201d60593e96c492651e889cc13f1415ebb53fac1131ae0bd333c5ee6021672d9718ea31a8aebd0da0072f25d87dba6fc90ffd598ed4da35e44c398c454307e8e33b8426143daec9f596836f97c8f74750e5975c64e2189f45def46b2a2b1247adc3652bf5c308055da9";

    private static readonly AssemblyName _name = typeof(RoutingAgent).Assembly.GetName();

    [Fact]
    public void Identity_IsExchange2013Cu23()
    {
        Assert.Equal(
            "Microsoft.Exchange.Data.Transport, Version=15.0.1474.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35",
            _name.FullName);
    }

    [Fact]
    public void PublicKey_IsMicrosoftSharedKey()
    {
        Assert.Equal(_microsoftSharedPublicKey, Convert.ToHexString(_name.GetPublicKey()!).ToLowerInvariant());
    }

    [Theory]
    [InlineData("net48")]
    [InlineData("netstandard2.0")]
    public void EveryTargetFramework_HasTheSameIdentity(string targetFramework)
    {
        string path = Path.Combine(ReferenceProjectOutput(), targetFramework, "Microsoft.Exchange.Data.Transport.dll");

        Assert.Equal(_name.FullName, AssemblyName.GetAssemblyName(path).FullName);
    }

    [Fact]
    public void Namespaces_AreTheRoutingAgentNamespaces()
    {
        string[] namespaces = typeof(RoutingAgent).Assembly.GetExportedTypes().Select(t => t.Namespace!).Distinct().Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            new[]
            {
                "Microsoft.Exchange.Data.Transport",
                "Microsoft.Exchange.Data.Transport.Email",
                "Microsoft.Exchange.Data.Transport.Routing",
                "Microsoft.Exchange.Data.Transport.Smtp",
            },
            namespaces);
    }

    // bin/<Configuration>/ of the reference project, found from this test's own bin/<Configuration>/net10.0/.
    private static string ReferenceProjectOutput()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Path.Combine(TestRepository.Root, "src", "Reference", "Microsoft.Exchange.Data.Transport", "bin", configuration);
    }
}
