using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace ExchangeRules.Directory.Tests.Support;

/// <summary>
/// A real OpenLDAP server on a free 127.0.0.1 port: a temp slapd.conf with the AD subset schema, the sample
/// LDIF loaded with slapadd, slapd in the foreground as a child process, killed and deleted on dispose.
/// </summary>
public sealed class SlapdServer : IDisposable
{
    public const string Suffix = "DC=contoso,DC=com";
    public const string AdminDn = "CN=admin,DC=contoso,DC=com";
    public const string AdminPassword = "secret";

    private readonly string _root;
    private readonly string _config;
    private Process? _slapd;

    public SlapdServer()
        : this(extraSchema: null, extraLdif: null)
    {
    }

    /// <summary>A server whose schema also includes <paramref name="extraSchema"/> and whose data also holds <paramref name="extraLdif"/>.</summary>
    internal SlapdServer(string? extraSchema, string? extraLdif)
    {
        _root = Path.Combine(Path.GetTempPath(), "exrules-slapd-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(_root, "db"));
        _config = Path.Combine(_root, "slapd.conf");
        File.WriteAllText(_config, string.Join("\n",
            "include /etc/ldap/schema/core.schema",
            "include /etc/ldap/schema/cosine.schema",
            "include /etc/ldap/schema/inetorgperson.schema",
            $"include {SamplePaths.Schema}",
            extraSchema is null ? string.Empty : $"include {extraSchema}",
            $"pidfile {Path.Combine(_root, "slapd.pid")}",
            "modulepath /usr/lib/ldap",
            "moduleload back_mdb",
            "database mdb",
            "maxsize 10485760",
            $"suffix \"{Suffix}\"",
            $"rootdn \"{AdminDn}\"",
            $"rootpw {AdminPassword}",
            $"directory {Path.Combine(_root, "db")}",
            "index objectClass,mail,proxyAddresses,member,cn eq",
            string.Empty));
        try
        {
            Run("slapadd", $"-f {_config} -l {SamplePaths.Ldif}");
            if (extraLdif is not null)
            {
                Run("slapadd", $"-f {_config} -l {extraLdif}");
            }

            Port = FreePort();
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    public void Start()
    {
        _slapd = Process.Start(new ProcessStartInfo("slapd", $"-f {_config} -h ldap://127.0.0.1:{Port}/ -d 0")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("slapd did not start");
        _slapd.BeginErrorReadLine();
        _slapd.BeginOutputReadLine();
        WaitUntilListening();
    }

    public void Stop()
    {
        if (_slapd is { HasExited: false })
        {
            Signal("CONT");
            _slapd.Kill();
            _slapd.WaitForExit();
        }

        _slapd?.Dispose();
        _slapd = null;
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open but nothing is answered, like a hung DC.</summary>
    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    public void Dispose()
    {
        Stop();
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test run.
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException(file + " did not start");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {errors}");
        }
    }

    private void Signal(string signal)
    {
        if (_slapd is { HasExited: false })
        {
            Run("kill", $"-{signal} {_slapd.Id}");
        }
    }

    private void WaitUntilListening()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (_slapd!.HasExited)
            {
                throw new InvalidOperationException($"slapd exited with {_slapd.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException("slapd did not start listening on port " + Port);
    }
}
