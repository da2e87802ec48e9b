using System;
using System.IO;
using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace ExchangeRules.Harness.Smtp;

/// <summary>
/// The SmtpServer package's listener with TCP_NODELAY on every accepted connection. With Nagle's algorithm on, the
/// server's small replies wait for the client's delayed acknowledgement (40 ms on Linux) on every message, so a
/// loopback harness spent about 87 ms per message waiting instead of working (docs/performance.md, scenario 5).
/// Replies go out through <see cref="ExchangeReplyStream"/>, which puts two of the package's own texts in Exchange's words.
/// </summary>
internal sealed class NoDelayEndpointListenerFactory : EndpointListenerFactory
{
    public override IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        ArgumentNullException.ThrowIfNull(endpointDefinition);
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        var started = new EndpointEventArgs(endpointDefinition, listener.LocalEndpoint);
        OnEndpointStarted(started);
        return new Listener(listener, () => OnEndpointStopped(started));
    }

    private sealed class Listener : IEndpointListener
    {
        private readonly TcpListener _listener;
        private readonly Action _stopped;

        public Listener(TcpListener listener, Action stopped)
        {
            _listener = listener;
            _stopped = stopped;
        }

        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            client.NoDelay = true;
            context.Properties.Add(EndpointListener.LocalEndPointKey, _listener.LocalEndpoint);
            context.Properties.Add(EndpointListener.RemoteEndPointKey, client.Client.RemoteEndPoint!);
            return new Pipe(client, client.GetStream());
        }

        public void Dispose()
        {
            _listener.Stop();
            _stopped();
        }
    }

    private sealed class Pipe : ISecurableDuplexPipe
    {
        private readonly TcpClient _client;
        private Stream _stream;

        public Pipe(TcpClient client, Stream stream)
        {
            _client = client;
            _stream = stream;
            Input = PipeReader.Create(stream);
            Output = PipeWriter.Create(new ExchangeReplyStream(stream, () => client.Available > 0));
        }

        public PipeReader Input { get; private set; }

        public PipeWriter Output { get; private set; }

        public bool IsSecure { get; private set; }

        public SslProtocols SslProtocol { get; private set; }

        // STARTTLS, as the package's own pipe does it (the harness configures no certificate, so it is not offered).
        public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
        {
            var ssl = new SslStream(_stream, leaveInnerStreamOpen: true);
            await ssl.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = protocols, ClientCertificateRequired = false },
                cancellationToken).ConfigureAwait(false);
            _stream = ssl;
            Input = PipeReader.Create(ssl);
            Output = PipeWriter.Create(new ExchangeReplyStream(ssl, () => _client.Available > 0));
            IsSecure = true;
            SslProtocol = ssl.SslProtocol;
        }

        public void Dispose()
        {
            _stream.Dispose();
            _client.Dispose();
        }
    }
}
