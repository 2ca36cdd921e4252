using System.Net.Mail;

namespace OrleansRides.Catalog;

/// <summary>The one normal form of an email address used as a key: trimmed and lower-cased (invariant). Login, the
/// failure throttle and the account lookup all use it, so no spelling of an address ("Victim@X ", "victim@x") can be
/// counted under one key and verified under another (issue 8: the throttle used the address as sent while the login
/// trimmed it). In the catalog assembly so that the site's validators (membership registrations) share it.</summary>
public static class EmailAddresses
{
    /// <summary><paramref name="email"/> trimmed and lower-cased.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Whether <paramref name="email"/>, trimmed, is one plain address (<c>local@domain.tld</c>: no display name,
    /// no list, a dot in the domain). Signup, subscriptions and membership registrations use it.</summary>
    public static bool IsValid(string? email) =>
        MailAddress.TryCreate(email?.Trim(), out var address) && address.Address == email!.Trim() && address.Host.Contains('.');
}
