using System;
using System.IO;

namespace ExchangeRules.Directory.Tests.Support;

internal static class SamplePaths
{
    public static string Ldif => Path.Combine(AppContext.BaseDirectory, "TestData", "samples", "contoso.ldif");

    public static string Schema => Path.Combine(AppContext.BaseDirectory, "TestData", "samples", "openldap", "exchangerules-ad.schema");

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
