using System;
using System.IO;
using ExchangeRules.Harness.Organization;

namespace ExchangeRules.Harness.Tests.Support;

internal static class TestFiles
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", System.IO.Path.Combine(parts));

    public static OrganizationModel Organization(string name) => OrganizationFile.Load(Path("org", name));

    public static string TempFolder()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "exrules-harness-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        return folder;
    }
}
