using Npgsql;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.GrainInterfaces.Sessions;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Grains.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SessionGrainTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private TestGrainHost _host = null!;
    private Guid _sessionId;

    private ISessionGrain Session => _host.Grains.GetGrain<ISessionGrain>(SessionKeys.GrainKey(_sessionId));

    public async Task InitializeAsync()
    {
        _sessionId = await SqlCatalogRows.InsertSessionAsync(database.DataSource, _clock.GetUtcNow().AddDays(30));
        _host = TestGrainHost.Start(database.DataSource, _clock, runtime => runtime.AddChatGrains().AddSessionGrains());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Guid> InterestedRideAsync()
    {
        var ride = await SqlCatalogRows.InsertRideAsync(database.DataSource, _clock.GetUtcNow().AddDays(2));
        await using var command = database.DataSource.CreateCommand("INSERT INTO ride_interest (ride_id, session_id) VALUES ($1, $2)");
        command.Parameters.AddWithValue(ride);
        command.Parameters.AddWithValue(_sessionId);
        await command.ExecuteNonQueryAsync();
        return ride;
    }

    [Fact]
    public async Task Interests_are_loaded_from_postgres_and_follow_the_changes_it_is_told_of_idempotently()
    {
        var saved = await InterestedRideAsync();
        var added = Guid.NewGuid();

        var loaded = await Session.GetInterests();
        await Session.InterestChanged(added, interested: true);
        await Session.InterestChanged(added, interested: true);
        var afterAdd = await Session.GetInterests();
        await Session.InterestChanged(saved, interested: false);
        await Session.InterestChanged(saved, interested: false);

        Assert.Equal([saved], loaded);
        Assert.Equal(new[] { saved, added }.Order(), afterAdd.Order());
        Assert.Equal([added], await Session.GetInterests());
    }

    [Fact]
    public async Task A_reactivated_session_rebuilds_its_interests_from_the_rows_and_starts_with_no_connections()
    {
        var first = await InterestedRideAsync();
        var second = await InterestedRideAsync();
        await Session.Connect("conn-1");
        // Told of a change whose row was never written (a caller that failed in between): the rows stay the truth.
        await Session.InterestChanged(Guid.NewGuid(), interested: true);

        await _host.DeactivateAllAsync();

        Assert.Equal(new[] { first, second }.Order(), (await Session.GetInterests()).Order());
        Assert.Equal(0, await Session.GetConnectionCount());
    }

    [Fact]
    public async Task Connections_are_counted_once_each_and_keep_the_session_from_idling_out()
    {
        var counts = new[] { await Session.Connect("a"), await Session.Connect("b"), await Session.Connect("a") };
        _clock.Advance(TimeSpan.FromHours(1));
        var collectedWhileConnected = _host.CollectIdle();
        var afterLeave = new[] { await Session.Disconnect("a"), await Session.Disconnect("unknown"), await Session.Disconnect("b") };
        _clock.Advance(TimeSpan.FromHours(1));
        var collectedWhenIdle = _host.CollectIdle();

        Assert.Equal([1, 2, 2], counts);
        Assert.Equal(0, collectedWhileConnected);
        Assert.Equal([1, 1, 0], afterLeave);
        Assert.Equal(1, collectedWhenIdle);
    }

    [Fact]
    public async Task The_chat_budget_of_100_a_minute_is_shared_by_every_room_the_session_talks_in()
    {
        var rooms = new[] { await RoomAsync(), await RoomAsync() };
        var listener = new ChatMember("conn-1", SessionKeys.ListenerSubject(_sessionId), "Ann", IsModerator: false, BudgetedBySession: true);
        for (var i = 0; i < ChatRules.MessagesPerMinute; i++)
        {
            // As the chat hub does: take from the session's budget, then send to the room.
            await Session.TakeChatMessage();
            await rooms[i % 2].Send(listener, new ChatMessageInput($"message {i}", null));
        }

        var limited = await Assert.ThrowsAsync<ChatException>(() => Session.TakeChatMessage());
        _clock.Advance(TimeSpan.FromSeconds(59));
        var stillLimited = await Assert.ThrowsAsync<ChatException>(() => Session.TakeChatMessage());
        _clock.Advance(TimeSpan.FromSeconds(1));
        var left = await Session.TakeChatMessage();

        Assert.Equal(ChatErrorCodes.RateLimited, limited.Code);
        Assert.Contains("across all rooms", limited.Message);
        Assert.Equal(ChatErrorCodes.RateLimited, stillLimited.Code);
        Assert.Equal(ChatRules.MessagesPerMinute - 1, left);
    }

    [Fact]
    public async Task A_room_leaves_a_session_budgeted_sender_to_its_session_and_still_counts_everyone_else()
    {
        var room = await RoomAsync();
        var budgeted = new ChatMember("conn-1", "s-budgeted", "Ann", IsModerator: false, BudgetedBySession: true);
        var member = new ChatMember("conn-2", Guid.NewGuid().ToString(), "Bob", IsModerator: false);
        for (var i = 0; i < ChatRules.MessagesPerMinute; i++)
        {
            await room.Send(budgeted, new ChatMessageInput($"a {i}", null));
            await room.Send(member, new ChatMessageInput($"b {i}", null));
        }

        var beyond = await room.Send(budgeted, new ChatMessageInput("the session said yes", null));
        var limited = await Assert.ThrowsAsync<ChatException>(() => room.Send(member, new ChatMessageInput("one more", null)));

        Assert.Equal("the session said yes", beyond.Text);
        Assert.Equal(ChatErrorCodes.RateLimited, limited.Code);
    }

    private async Task<IChatRoomGrain> RoomAsync()
    {
        var room = $"radio/s-{Guid.NewGuid():N}"[..30];
        await using var command = database.DataSource.CreateCommand("INSERT INTO chat_rooms (room, kind, name) VALUES ($1, 'radio', 'Session test')");
        command.Parameters.AddWithValue(room);
        await command.ExecuteNonQueryAsync();
        return _host.Grains.GetGrain<IChatRoomGrain>(room);
    }
}
