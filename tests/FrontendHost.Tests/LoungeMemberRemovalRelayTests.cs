using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Runtime;
using OrleansRides.Tests.Shared;
using static OrleansRides.FrontendHost.Tests.Accounts;

namespace OrleansRides.FrontendHost.Tests;

/// <summary>The chat relay's side of a lounge member's removal: the room grain publishes <c>MemberRemoved</c>, and the
/// frontend takes that member's connection out of the room's group and tells it <c>removedFromRoom</c>. The member row is
/// written with SQL and the grain called directly (the removal endpoint is another part of issue 11).</summary>
[Collection(FrontendCollection.Name)]
public sealed class LoungeMemberRemovalRelayTests(TestDatabase database) : FrontendTest(database, Frontend())
{
    private IChatRoomGrain Room(string room) => Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IChatRoomGrain>(room);

    [Fact]
    public async Task A_removed_member_is_told_removedFromRoom_and_stops_receiving_the_rooms_messages()
    {
        var (ownerToken, _) = await SignUpAsync(Client);
        var (memberToken, memberId) = await SignUpAsync(Client);
        var lounge = (await (await SendAsync(Client, HttpMethod.Post, "/api/v1/lounges", ownerToken, new { name = "relay removal" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("room").GetString()!;
        await using (var connection = await Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO lounge_members (room, user_id, role, joined_at) VALUES (@lounge, @memberId, 'member', now())", new { lounge, memberId });
        }
        await Room(lounge).MemberChanged(memberId.ToString(), "joined");
        await using var owner = await HubSocket.ConnectAsync(Factory, "chat", ownerToken);
        await using var member = await HubSocket.ConnectAsync(Factory, "chat", memberToken);
        await owner.InvokeAsync("JoinRoom", new { room = lounge });
        await member.InvokeAsync("JoinRoom", new { room = lounge });
        await owner.InvokeAsync("SendMessage", new { room = lounge, text = "before" });
        await Eventually.TrueAsync(() => Texts(member).Contains("before"), "the member receives the room's message");

        await using (var connection = await Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("DELETE FROM lounge_members WHERE room = @lounge AND user_id = @memberId", new { lounge, memberId });
        }
        await Room(lounge).MemberChanged(memberId.ToString(), "removed");

        var removed = (await member.NextEventAsync("removedFromRoom"))[0];
        Assert.Equal(lounge, removed.GetProperty("room").GetString());
        Assert.Equal("removed", removed.GetProperty("reason").GetString());
        await owner.InvokeAsync("SendMessage", new { room = lounge, text = "after" });
        await Eventually.TrueAsync(() => Texts(owner).Contains("after"), "the owner's own copy of the later message");
        // A round trip on the member's connection after the owner's copy arrived: a push to the member's group would
        // have been written to the socket before this answer.
        // (A send, not a join: joining a public lounge makes the caller a member again.) The connection is out of the
        // room on this frontend too, so the hub refuses before the grain is asked.
        var send = await Assert.ThrowsAsync<HubError>(() => member.InvokeAsync("SendMessage", new { room = lounge, text = "still here?" }));
        Assert.Equal(ChatErrorCodes.Forbidden, send.Code);
        Assert.Contains("join the room", send.Message);
        Assert.DoesNotContain("after", Texts(member));
        Assert.False(member.Closed.IsCompleted);
    }

    private static List<string?> Texts(HubSocket socket) =>
        [.. socket.EventsOf("newMessage").Select(arguments => arguments[0].GetProperty("text").GetString())];
}
