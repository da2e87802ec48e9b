using System;
using System.IO;
using System.Reflection;

namespace ExchangeRules.Agent;

/// <summary>
/// Lets EdgeTransport.exe find the agent's own dependencies (MimeKit, Serilog, ...) in the agent's install folder,
/// whatever version another assembly asks for, so installing needs no binding redirects in EdgeTransport.exe.config.
/// Exchange's own assemblies are never resolved here: they must come from the server's GAC.
/// </summary>
internal static class DependencyResolver
{
    private static readonly object _gate = new();
    private static string? _directory;

    /// <summary>Registers the handler once for <paramref name="agentDirectory"/>.</summary>
    internal static void Register(string agentDirectory)
    {
        lock (_gate)
        {
            if (_directory is not null)
            {
                return;
            }

            _directory = agentDirectory;
            AppDomain.CurrentDomain.AssemblyResolve += (_, args) => Resolve(agentDirectory, args.Name);
        }
    }

    /// <summary>The assembly file for <paramref name="requestedName"/> in <paramref name="agentDirectory"/>, loaded, or <see langword="null"/>.</summary>
    internal static Assembly? Resolve(string agentDirectory, string requestedName)
    {
        string? candidate = FindCandidate(agentDirectory, requestedName);
        return candidate is null ? null : Assembly.LoadFrom(candidate);
    }

    /// <summary>The path of the file that would satisfy <paramref name="requestedName"/>, or <see langword="null"/>.</summary>
    internal static string? FindCandidate(string agentDirectory, string requestedName)
    {
        string? simpleName;
        try
        {
            simpleName = new AssemblyName(requestedName).Name;
        }
        catch (Exception ex) when (ex is ArgumentException or FileLoadException)
        {
            return null;
        }

        if (string.IsNullOrEmpty(simpleName)
            || simpleName!.StartsWith("Microsoft.Exchange.", StringComparison.OrdinalIgnoreCase)
            || simpleName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return null;
        }

        string path = Path.Combine(agentDirectory, simpleName + ".dll");
        return File.Exists(path) ? path : null;
    }
}
