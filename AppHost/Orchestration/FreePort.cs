using System.Net;
using System.Net.Sockets;

namespace WebSocketAspire.AppHost.Orchestration;

/// <summary>Resolves port 0 to a port the OS reports free, for endpoints that must be known before they bind.</summary>
internal static class FreePort
{
    public static int Resolve(IPAddress host, int port)
    {
        if (port != 0)
        {
            return port;
        }
        using var listener = new TcpListener(host, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
