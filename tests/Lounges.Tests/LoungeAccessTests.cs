using Dapper;
using OrleansRides.Catalog;
using OrleansRides.Lounges.Jobs;
using OrleansRides.Lounges.LoungeAccess;
using OrleansRides.Tests.Shared;

namespace OrleansRides.Lounges.Tests;

/// <summary>Lounge roles, privacy, invite links and join requests, on real PostgreSQL.</summary>
[Collection(LoungesCollection.Name)]
public sealed class LoungeAccessTests(TestDatabase database)
{
    private readonly ManualTimeProvider _time = new();

    private LoungeDirectory Directory => new(database.DataSource, _time);
    private LoungeMembers Members => new(database.DataSource, _time);
    private LoungeInvites Invites => new(database.DataSource, _time);
    private LoungeJoinRequests Requests => new(database.DataSource, _time);
    private LoungeRoles Roles => new(database.DataSource);

    private async Task<Guid> UserAsync(string name = "Rider")
    {
        var id = Guid.NewGuid();
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO users (id, email, name, password_hash, role) VALUES (@id, @email, @name, 'x', 'member')",
            new { id, email = $"{id}@lounges.test", name });
        return id;
    }

    [Fact]
    public async Task Private_lounges_are_listed_only_to_members_and_search_escapes_wildcards()
    {
        var owner = await UserAsync();
        var stranger = await UserAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var secret = await Directory.CreateAsync($"Secret {tag} 100%", null, LoungeVisibility.Private, owner, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        var open = await Directory.CreateAsync($"Open {tag}", "for all", LoungeVisibility.Public, owner, default);

        var ownerSees = await Directory.ListAsync(owner, new LoungeFilter(tag, false), new PageRequest(10, 0), default);
        var strangerSees = await Directory.ListAsync(stranger, new LoungeFilter(tag, false), new PageRequest(10, 0), default);
        var percent = await Directory.ListAsync(owner, new LoungeFilter($"{tag} 100%", false), new PageRequest(10, 0), default);
        var wildcard = await Directory.ListAsync(owner, new LoungeFilter($"{tag}%Open", false), new PageRequest(10, 0), default);
        var strangerMine = await Directory.ListAsync(stranger, new LoungeFilter(tag, true), new PageRequest(10, 0), default);

        Assert.Equal([open.Id, secret.Id], ownerSees.Items.Select(l => l.Id));
        Assert.All(ownerSees.Items, l => Assert.Equal(LoungeRole.Owner, l.MyRole));
        Assert.Equal([open.Id], strangerSees.Items.Select(l => l.Id));
        Assert.Null(strangerSees.Items[0].MyRole);
        Assert.Equal(1, strangerSees.Total);
        Assert.Equal([secret.Id], percent.Items.Select(l => l.Id));
        Assert.Empty(wildcard.Items);
        Assert.Empty(strangerMine.Items);
        Assert.False((await Roles.StandingAsync(secret.Room, stranger, default))!.CanSee);
    }

    [Fact]
    public async Task Deleted_lounges_are_never_listed_nor_visible_even_to_their_owner()
    {
        var owner = await UserAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var lounge = await Directory.CreateAsync($"Gone {tag}", null, LoungeVisibility.Public, owner, default);
        await Directory.DeleteAsync(lounge.Room, owner, "closing", default);

        Assert.Empty((await Directory.ListAsync(owner, new LoungeFilter(tag, false), new PageRequest(10, 0), default)).Items);
        Assert.False((await Roles.StandingAsync(lounge.Room, owner, default))!.CanSee);
        var log = await new LoungeLog(database.DataSource).ListAsync(lounge.Room, new PageRequest(10, 0), default);
        Assert.Equal("delete_lounge", Assert.Single(log.Items).Action);
    }

    [Fact]
    public async Task Public_join_counts_members_and_the_owner_cannot_leave_or_be_removed()
    {
        var owner = await UserAsync();
        var member = await UserAsync();
        var lounge = await Directory.CreateAsync("Joinable", null, LoungeVisibility.Public, owner, default);
        var secret = await Directory.CreateAsync("Closed", null, LoungeVisibility.Private, owner, default);

        Assert.True(await Members.JoinPublicAsync(lounge.Room, member, default));
        Assert.False(await Members.JoinPublicAsync(lounge.Room, member, default));
        Assert.False(await Members.JoinPublicAsync(secret.Room, member, default));
        Assert.Equal(2, (await Directory.FindAsync(lounge.Room, member, default))!.MemberCount);
        Assert.Equal(MemberChange.OwnerProtected, await Members.LeaveAsync(lounge.Room, owner, default));
        Assert.Equal(MemberChange.OwnerProtected, await Members.RemoveAsync(lounge.Room, owner, LoungeRole.Owner, owner, null, default));
        Assert.Equal(MemberChange.Done, await Members.LeaveAsync(lounge.Room, member, default));
        Assert.Equal(MemberChange.MemberNotFound, await Members.LeaveAsync(lounge.Room, member, default));
    }

    [Fact]
    public async Task Moderators_act_on_members_only_and_every_action_is_logged_with_its_actor()
    {
        var owner = await UserAsync();
        var moderator = await UserAsync();
        var other = await UserAsync();
        var member = await UserAsync("Target");
        var lounge = await Directory.CreateAsync("Ruled", null, LoungeVisibility.Public, owner, default);
        foreach (var user in new[] { moderator, other, member })
        {
            await Members.JoinPublicAsync(lounge.Room, user, default);
        }
        Assert.Equal(MemberChange.Done, await Members.SetRoleAsync(lounge.Room, owner, moderator, LoungeRole.Moderator, default));
        Assert.Equal(MemberChange.Done, await Members.SetRoleAsync(lounge.Room, owner, other, LoungeRole.Moderator, default));

        var until = _time.GetUtcNow().AddMinutes(30);
        Assert.Equal(MemberChange.Done, await Members.MuteAsync(lounge.Room, moderator, LoungeRole.Moderator, member, until, "spam", default));
        Assert.Equal(MemberChange.NeedsOwner, await Members.MuteAsync(lounge.Room, moderator, LoungeRole.Moderator, other, until, null, default));
        Assert.Equal(MemberChange.OwnerProtected, await Members.MuteAsync(lounge.Room, moderator, LoungeRole.Moderator, owner, until, null, default));
        var listed = (await Members.ListAsync(lounge.Room, new PageRequest(10, 0), default)).Items;
        Assert.Equal([LoungeRole.Owner, LoungeRole.Moderator, LoungeRole.Moderator, LoungeRole.Member], listed.Select(m => m.Role));
        Assert.Equal(until, listed.Single(m => m.UserId == member).MutedUntil);

        Assert.Equal(MemberChange.Done, await Members.RemoveAsync(lounge.Room, moderator, LoungeRole.Moderator, member, "again", default));
        Assert.Null((await Roles.StandingAsync(lounge.Room, member, default))!.Role);

        var log = (await new LoungeLog(database.DataSource).ListAsync(lounge.Room, new PageRequest(10, 0), default)).Items;
        Assert.Equal(["remove", "mute", "role", "role"], log.Select(e => e.Action));
        Assert.Equal(moderator.ToString(), log[0].ModeratorId);
        Assert.Equal(member.ToString(), log[1].TargetUserId);
        Assert.Equal(until, log[1].Until);
        Assert.Equal("spam", log[1].Reason);
    }

    [Fact]
    public async Task An_invite_link_is_stored_as_a_hash_and_stops_at_max_uses_under_concurrent_accepts()
    {
        var owner = await UserAsync();
        var lounge = await Directory.CreateAsync("Invited", "by link", LoungeVisibility.Private, owner, default);
        var invite = await Invites.CreateAsync(lounge.Room, owner, 24, maxUses: 3, default);
        var guests = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            guests.Add(await UserAsync());
        }

        Assert.Equal($"/lounges.html#invite={invite.Token}", invite.Url);
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            var stored = await connection.QuerySingleAsync<byte[]>("SELECT token_hash FROM lounge_invites WHERE id = @id", new { id = invite.Id });
            Assert.Equal(LoungeInvites.Hash(invite.Token), stored);
        }
        Assert.Equal(new InvitePreview("Invited", "by link", 1), await Invites.PreviewAsync(invite.Token, default));
        var results = await Task.WhenAll(guests.Select(g => Invites.AcceptAsync(invite.Token, g, default)));

        Assert.Equal(3, results.Count(r => r is { Joined: true }));
        Assert.Equal(7, results.Count(r => r is null));
        Assert.Equal(3, (await Invites.ListAsync(lounge.Room, new PageRequest(10, 0), default)).Items.Single().Uses);
        Assert.Null(await Invites.PreviewAsync(invite.Token, default));
        var member = guests[Array.FindIndex(results, r => r is { Joined: true })];
        Assert.Equal((lounge.Room, false), await Invites.AcceptAsync(invite.Token, member, default));
    }

    [Fact]
    public async Task Expired_and_revoked_links_are_invalid_and_the_cleanup_job_deletes_them_after_retention()
    {
        var owner = await UserAsync();
        var guest = await UserAsync();
        var lounge = await Directory.CreateAsync("Expiring", null, LoungeVisibility.Private, owner, default);
        var shortLived = await Invites.CreateAsync(lounge.Room, owner, 1, null, default);
        var revoked = await Invites.CreateAsync(lounge.Room, owner, 720, null, default);
        Assert.True(await Invites.RevokeAsync(lounge.Room, revoked.Id, default));
        Assert.False(await Invites.RevokeAsync("lounge/nosuchro", revoked.Id, default));
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Null(await Invites.AcceptAsync(shortLived.Token, guest, default));
        Assert.Null(await Invites.AcceptAsync(revoked.Token, guest, default));
        Assert.Null(await Invites.PreviewAsync("not-a-token", default));

        var job = new InviteCleanupJob(database.DataSource, _time);
        await job.RunAsync(default);
        Assert.Equal(2, (await Invites.ListAsync(lounge.Room, new PageRequest(10, 0), default)).Total);
        _time.Advance(InviteCleanupJob.Retention);
        var live = await Invites.CreateAsync(lounge.Room, owner, 720, null, default);
        await job.RunAsync(default);
        Assert.Equal([live.Id], (await Invites.ListAsync(lounge.Room, new PageRequest(10, 0), default)).Items.Select(i => i.Id));
        Assert.Equal((lounge.Room, true), await Invites.AcceptAsync(live.Token, guest, default));
    }

    [Fact]
    public async Task Join_requests_wait_for_the_owner_and_a_rejection_holds_until_cleanup()
    {
        var owner = await UserAsync();
        var asker = await UserAsync("Asker");
        var refused = await UserAsync();
        var lounge = await Directory.CreateAsync("Requests", null, LoungeVisibility.Private, owner, default);

        Assert.Equal(JoinRequestOutcome.Pending, await Requests.RequestAsync(lounge.Room, asker, "hi", default));
        Assert.Equal(JoinRequestOutcome.Pending, await Requests.RequestAsync(lounge.Room, asker, "again", default));
        // A later request, so that the oldest-first order does not fall back on the order of two random ids.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(JoinRequestOutcome.Pending, await Requests.RequestAsync(lounge.Room, refused, null, default));
        Assert.Equal(JoinRequestOutcome.AlreadyMember, await Requests.RequestAsync(lounge.Room, owner, null, default));
        var pending = (await Requests.ListPendingAsync(lounge.Room, new PageRequest(10, 0), default)).Items;
        Assert.Equal([asker, refused], pending.Select(r => r.UserId));
        Assert.Equal("hi", pending[0].Message);

        Assert.True(await Requests.ApproveAsync(lounge.Room, owner, asker, default));
        Assert.False(await Requests.ApproveAsync(lounge.Room, owner, asker, default));
        Assert.True(await Requests.RejectAsync(lounge.Room, owner, refused, default));
        Assert.Equal(LoungeRole.Member, (await Roles.StandingAsync(lounge.Room, asker, default))!.Role);
        Assert.Null((await Roles.StandingAsync(lounge.Room, refused, default))!.Role);
        Assert.Equal(JoinRequestOutcome.Rejected, await Requests.RequestAsync(lounge.Room, refused, null, default));

        _time.Advance(InviteCleanupJob.Retention + TimeSpan.FromMinutes(1));
        await new InviteCleanupJob(database.DataSource, _time).RunAsync(default);
        Assert.Equal(JoinRequestOutcome.Pending, await Requests.RequestAsync(lounge.Room, refused, null, default));
    }
}
