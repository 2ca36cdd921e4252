using Npgsql;

namespace OrleansRides.Runtime.Storage;

/// <summary>Reads the PostgreSQL connection setting in either form users bring: a URL
/// (<c>postgres://user:pass@host:5432/db?sslmode=require</c>, as Heroku-style <c>DATABASE_URL</c>s are) or an Npgsql
/// keyword string (<c>Host=...;Database=...</c>).</summary>
public static class PostgresConnectionString
{
    /// <summary>Returns an Npgsql connection string.</summary>
    /// <exception cref="ArgumentException">The value is empty, or a URL without a host.</exception>
    public static string Normalize(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }
        var uri = new Uri(value);
        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("The PostgreSQL URL has no host.", nameof(value));
        }
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }
        if (userInfo.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(parts[0]).Replace('_', ' ')] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "true";
        }
        return builder.ConnectionString;
    }
}
