using Dapper;
using Npgsql;

namespace OrleansRides.Site.Tests;

/// <summary>Rows the programme tests need: accounts by role, and a clean slate on the weekdays they own.</summary>
internal static class ProgramRows
{
    /// <summary>Weekdays whose slots the site tests own (Tuesday, Wednesday): the FrontendHost tests never put a slot on them,
    /// so that the station-wide overlap rule never makes one test suite's programmes collide with the other's.</summary>
    public static readonly int[] OwnDays = [2, 3];

    public static async Task<Guid> InsertUserAsync(NpgsqlDataSource dataSource, string role, string name = "Dee Jay")
    {
        var id = Guid.NewGuid();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO users (id, email, name, password_hash, role) VALUES (@id, @email, @name, 'x', @role)",
            new { id, email = $"{id:N}@site-tests.example.org", name, role });
        return id;
    }

    /// <summary>Deletes every programme with a slot on one of <see cref="OwnDays"/> (left by an earlier run).</summary>
    public static async Task ClearOwnDaysAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "DELETE FROM programs WHERE id IN (SELECT program_id FROM program_slots WHERE day_of_week = ANY(@days))",
            new { days = OwnDays.Select(d => (short)d).ToArray() });
    }
}
