using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
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
    /// <param name="extraSchema">A schema file included after the AD subset.</param>
    /// <param name="extraLdif">Entries added after the sample data.</param>
    /// <param name="firstPort">The port tried first (tests of the lost-port race); by default a free one.</param>
    internal SlapdServer(string? extraSchema, string? extraLdif, int? firstPort = null)
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

            Port = StartOnFreePort(firstPort);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; private set; }

    /// <summary>Starts slapd again on <see cref="Port"/> (after <see cref="Stop"/>).</summary>
    public void Start()
    {
        if (!TryStart(Port))
        {
            throw new InvalidOperationException($"port {Port} was taken by another process while slapd was stopped");
        }
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

    /// <summary>
    /// Freezes the server (SIGSTOP): connections stay open but nothing is answered, like a hung DC. Returns once every
    /// thread of slapd is stopped, so nothing sent after it is answered.
    /// </summary>
    public void Pause()
    {
        Signal("STOP");
        WaitUntil(() => ThreadStates().All(state => state is 'T' or 't'), "slapd did not stop on SIGSTOP");
    }

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

    /// <summary>
    /// Starts slapd on a free port. The port is free when chosen but may be taken before slapd binds it (by another
    /// test's server or a client's ephemeral port): then this slapd exits, and the test must not go on talking to
    /// whoever holds the port (a server another test stops or kills). So the listener is checked to be this slapd's
    /// own socket, and on a lost race another port is tried.
    /// </summary>
    private int StartOnFreePort(int? firstPort)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var port = attempt == 0 && firstPort is { } first ? first : FreePort();
            if (TryStart(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("slapd could not bind a free port in 10 attempts");
    }

    private bool TryStart(int port)
    {
        _slapd = Process.Start(new ProcessStartInfo("slapd", $"-f {_config} -h ldap://127.0.0.1:{port}/ -d 0")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("slapd did not start");
        _slapd.BeginErrorReadLine();
        _slapd.BeginOutputReadLine();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (_slapd.HasExited)
            {
                _slapd.Dispose();
                _slapd = null;
                return false;
            }

            if (ListeningSocketsOf(_slapd.Id).Contains(port))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException("slapd did not start listening on port " + port);
    }

    /// <summary>The 127.0.0.1 ports <paramref name="pid"/> listens on, from /proc (sockets owned through its descriptors).</summary>
    private static HashSet<int> ListeningSocketsOf(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var descriptor in System.IO.Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                var target = new FileInfo(descriptor).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    inodes.Add(target.Substring(8, target.Length - 9));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process is exiting; the caller sees that through HasExited.
            return new HashSet<int>();
        }

        var ports = new HashSet<int>();
        foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            const string Listen = "0A";
            if (fields.Length > 9 && fields[3] == Listen && inodes.Contains(fields[9]))
            {
                ports.Add(int.Parse(fields[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }

        return ports;
    }

    private IEnumerable<char> ThreadStates()
    {
        var pid = _slapd?.Id ?? throw new InvalidOperationException("slapd is not running");
        foreach (var task in System.IO.Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            // /proc/PID/task/TID/stat: "TID (comm) STATE ..."; comm may hold spaces, so the state follows the last ')'.
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            yield return stat[stat.LastIndexOf(')') + 2];
        }
    }

    private static void WaitUntil(Func<bool> condition, string failure)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (condition())
            {
                return;
            }

            Thread.Sleep(10);
        }

        throw new InvalidOperationException(failure);
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
}
