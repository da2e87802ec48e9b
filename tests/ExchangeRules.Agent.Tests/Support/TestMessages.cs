using System;
using System.IO;

namespace ExchangeRules.Agent.Tests.Support;

internal static class TestMessages
{
    internal static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));
}
