using Dapper;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Grains.Chat;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Grains.Tests;

/// <summary>The room grain's lounge rules on real PostgreSQL: membership rows gate join and send, mutes follow the
/// grain's clock, <c>MemberChanged</c>, <c>Announce</c> and <c>RoomChanged</c>. Each test has its own lounge and users.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ChatRoomLoungeRulesTests(TestDatabase database) : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new();
    private readonly string _lounge = $"lounge/{Guid.NewGuid()}";
    private readonly Guid _owner = Guid.NewGuid();
    private readonly Guid _member = Guid.NewGuid();
    private readonly Guid _stranger = Guid.NewGuid();
    private TestGrainHost _host = null!;

    private IChatRoomGrain Lounge => _host.Grains.GetGrain<IChatRoomGrain>(_lounge);

    private static ChatMember As(Guid user, string connection = "1") => new($"conn-{user:N}-{connection}", user.ToString(), $"user {user:N}"[..12], false);

    public async Task InitializeAsync()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        foreach (var user in new[] { _owner, _member, _stranger })
        {
            await connection.ExecuteAsync(
                "INSERT INTO users (id, email, name, password_hash, role) VALUES (@user, @email, 'Lounge user', 'x', 'member')",
                new { user, email = $"{user:N}@lounge.test" });
        }
        await connection.ExecuteAsync(
            "INSERT INTO chat_rooms (room, kind, name, created_by) VALUES (@_lounge, 'lounge', 'Test lounge', @_owner)", new { _lounge, _owner });
        await SetMemberAsync(_owner, "owner");
        await SetMemberAsync(_member, "member");
        _host = TestGrainHost.Start(database.DataSource, _clock, runtime => runtime.AddChatGrains());
        await _host.SubscribeAsync(ChatTopics.Room(_lounge));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task SetMemberAsync(Guid user, string role, DateTimeOffset? mutedUntil = null)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO lounge_members (room, user_id, role, joined_at, muted_until) VALUES (@_lounge, @user, @role, @now, @mutedUntil)
            ON CONFLICT (room, user_id) DO UPDATE SET role = excluded.role, muted_until = excluded.muted_until
            """, new { _lounge, user, role, now = _clock.GetUtcNow(), mutedUntil });
    }

    private async Task RemoveMemberAsync(Guid user)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM lounge_members WHERE room = @_lounge AND user_id = @user", new { _lounge, user });
    }

    private static async Task<string> FailureCodeAsync(Func<Task> call) => (await Assert.ThrowsAnyAsync<Runtime.GrainException>(call)).Code;

    [Fact]
    public async Task In_a_lounge_join_and_send_need_a_member_row()
    {
        Assert.Equal(ChatErrorCodes.NotLoungeMember, await FailureCodeAsync(() => Lounge.Join(As(_stranger))));
        Assert.Equal(ChatErrorCodes.NotLoungeMember,
            await FailureCodeAsync(() => Lounge.Send(As(_stranger), new ChatMessageInput("let me in", null))));

        var snapshot = await Lounge.Join(As(_member));
        var sent = await Lounge.Send(As(_member), new ChatMessageInput("hello", null));

        Assert.Equal(1, snapshot.PresenceCount);
        Assert.Equal(_member.ToString(), sent.SenderId);
        Assert.Equal(1, await Lounge.GetPresenceCount());
    }

    [Fact]
    public async Task A_radio_room_needs_no_member_row()
    {
        var radio = $"radio/l-{Guid.NewGuid():N}"[..30];
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO chat_rooms (room, kind, name) VALUES (@radio, 'radio', 'Radio')", new { radio });
        }
        var room = _host.Grains.GetGrain<IChatRoomGrain>(radio);

        await room.Join(As(_stranger));
        var sent = await room.Send(As(_stranger), new ChatMessageInput("anyone may talk here", null));

        Assert.Equal("anyone may talk here", sent.Text);
    }

    [Fact]
    public async Task A_muted_member_gets_MUTED_and_can_send_again_once_the_mute_passes()
    {
        await SetMemberAsync(_member, "member", _clock.GetUtcNow().AddMinutes(10));

        Assert.Equal(ChatErrorCodes.Muted, await FailureCodeAsync(() => Lounge.Send(As(_member), new ChatMessageInput("muted?", null))));
        await Lounge.Join(As(_member)); // a mute silences; it does not shut the member out
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(ChatErrorCodes.Muted, await FailureCodeAsync(() => Lounge.Send(As(_member), new ChatMessageInput("still?", null))));
        _clock.Advance(TimeSpan.FromMinutes(1));

        var sent = await Lounge.Send(As(_member), new ChatMessageInput("back", null));
        Assert.Equal("back", sent.Text);
    }

    [Fact]
    public async Task MemberChanged_for_a_new_mute_tells_the_members_session_and_MUTED_follows_at_once()
    {
        await _host.SubscribeAsync(ChatTopics.Session(_member.ToString()));
        await Lounge.Send(As(_member), new ChatMessageInput("before", null));
        var until = _clock.GetUtcNow().AddMinutes(5);

        await SetMemberAsync(_member, "member", until);
        await Lounge.MemberChanged(_member.ToString(), "muted");

        var muted = await _host.WaitForAsync<MemberMuted>();
        Assert.Equal(new MemberMuted(_lounge, until), muted);
        Assert.Equal(ChatErrorCodes.Muted, await FailureCodeAsync(() => Lounge.Send(As(_member), new ChatMessageInput("after", null))));

        await SetMemberAsync(_member, "member", null);
        await Lounge.MemberChanged(_member.ToString(), "unmuted");
        await _host.WaitForAsync<MemberMuted>(e => e.Until is null);
        await Lounge.Send(As(_member), new ChatMessageInput("unmuted", null));
    }

    [Fact]
    public async Task MemberChanged_for_a_removed_member_takes_their_connections_out_and_publishes_MemberRemoved()
    {
        await Lounge.Join(As(_member, "a"));
        await Lounge.Join(As(_member, "b"));
        await Lounge.Join(As(_owner));
        Assert.Equal(3, await Lounge.GetPresenceCount());

        await RemoveMemberAsync(_member);
        await Lounge.MemberChanged(_member.ToString(), "removed");

        var removed = await _host.WaitForAsync<MemberRemoved>();
        Assert.Equal(new MemberRemoved(_lounge, _member.ToString(), "removed"), removed);
        Assert.Equal(1, await Lounge.GetPresenceCount());
        Assert.Equal(ChatErrorCodes.NotLoungeMember, await FailureCodeAsync(() => Lounge.Send(As(_member), new ChatMessageInput("gone", null))));
        Assert.Equal(ChatErrorCodes.NotLoungeMember, await FailureCodeAsync(() => Lounge.Join(As(_member, "c"))));
    }

    [Fact]
    public async Task MemberChanged_for_a_new_member_lets_them_in_without_a_new_activation()
    {
        await Lounge.Join(As(_owner));
        Assert.Equal(ChatErrorCodes.NotLoungeMember, await FailureCodeAsync(() => Lounge.Join(As(_stranger))));

        await SetMemberAsync(_stranger, "member");
        await Lounge.MemberChanged(_stranger.ToString(), "joined");

        await Lounge.Join(As(_stranger));
        Assert.Equal(2, await Lounge.GetPresenceCount());
    }

    [Fact]
    public async Task Announce_posts_a_system_message_in_order_with_the_others_and_the_same_id_twice_posts_once()
    {
        var before = await Lounge.Send(As(_member), new ChatMessageInput("for sale?", null));
        var announced = await Lounge.Announce(new SystemAnnouncement("New listing: a bell", "listing-1"));
        var again = await Lounge.Announce(new SystemAnnouncement("New listing: a bell", "listing-1"));
        var after = await Lounge.Send(As(_owner), new ChatMessageInput("nice", null));

        Assert.Equal(ChatMessageKind.System, announced.Kind);
        Assert.Equal(ChatRules.SystemSenderId, announced.SenderId);
        Assert.Equal(announced.Id, again.Id);
        Assert.Equal([before.Seq + 1, before.Seq + 2], new[] { announced.Seq, after.Seq });
        await using var connection = await database.DataSource.OpenConnectionAsync();
        var stored = (await connection.QueryAsync<(long Seq, string SenderId, string Kind, string Text)>(
            "SELECT seq, sender_id, kind, text FROM chat_messages WHERE room = @_lounge ORDER BY seq", new { _lounge })).ToList();
        Assert.Equal(
            [(before.Seq, _member.ToString(), "user", "for sale?"), (announced.Seq, "system", "system", "New listing: a bell"),
             (after.Seq, _owner.ToString(), "user", "nice")],
            stored);
        await Eventually.TrueAsync(() => _host.Events.OfType<NewMessage>().Count() == 3, "three messages published");
        Assert.Equal([before.Id, announced.Id, after.Id], _host.Events.OfType<NewMessage>().Select(e => e.Message.Id));
    }

    [Fact]
    public async Task RoomChanged_after_deletion_publishes_RoomClosed_and_then_answers_ROOM_NOT_FOUND()
    {
        await Lounge.Join(As(_member));
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE chat_rooms SET deleted_at = @now WHERE room = @_lounge", new { _lounge, now = _clock.GetUtcNow() });
        }

        await Lounge.RoomChanged();

        Assert.Equal(new RoomClosed(_lounge), await _host.WaitForAsync<RoomClosed>());
        Assert.Equal(ChatErrorCodes.RoomNotFound, await FailureCodeAsync(() => Lounge.Send(As(_member), new ChatMessageInput("hello?", null))));
        Assert.Equal(ChatErrorCodes.RoomNotFound, await FailureCodeAsync(() => Lounge.Join(As(_owner))));
        // A fresh activation reads the deleted row and stays closed.
        await _host.DeactivateAllAsync();
        Assert.Equal(ChatErrorCodes.RoomNotFound, await FailureCodeAsync(() => Lounge.Join(As(_owner))));
    }

    [Fact]
    public async Task An_activation_of_a_lounge_reads_its_members_and_mutes_from_postgres()
    {
        await Lounge.Join(As(_member));
        // Rows written behind the grain's back (no MemberChanged): only a new activation can know them.
        await SetMemberAsync(_stranger, "member");
        await SetMemberAsync(_member, "member", _clock.GetUtcNow().AddHours(1));
        await _host.DeactivateAllAsync();

        await Lounge.Join(As(_stranger));
        Assert.Equal(ChatErrorCodes.Muted, await FailureCodeAsync(() => Lounge.Send(As(_member), new ChatMessageInput("muted", null))));
        await Lounge.Send(As(_owner), new ChatMessageInput("owner speaks", null));
    }
}
