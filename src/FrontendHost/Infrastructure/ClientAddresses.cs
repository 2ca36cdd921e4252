using System.Net;
using System.Net.Sockets;

namespace OrleansRides.FrontendHost.Infrastructure;

/// <summary>The key every per-address limit counts under: an IPv4 address as is (IPv4-mapped IPv6 addresses as IPv4),
/// an IPv6 address by its /64 prefix — the block one subscriber usually holds, so rotating through it gains nothing —
/// and <c>unknown</c> when the server has no address (test hosts).</summary>
public static class ClientAddresses
{
    /// <summary>The limit key of <paramref name="address"/>, for example <c>203.0.113.7</c> or <c>2001:db8:1:2::/64</c>.</summary>
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
