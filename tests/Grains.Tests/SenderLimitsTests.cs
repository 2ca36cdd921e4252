using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Grains.Chat;

namespace OrleansRides.Grains.Tests;

public sealed class SenderLimitsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private readonly SenderLimits _limits = new();

    private static ChatMember Member(string name, bool moderator = false, bool budgeted = false) =>
        new($"conn-{name}", $"s-{name}", name, moderator, budgeted);

    private static string? RefusalCode(Action send)
    {
        try
        {
            send();
            return null;
        }
        catch (ChatException ex)
        {
            return ex.Code;
        }
    }

    private void SendMany(ChatMember sender, int count, DateTimeOffset at, int slowModeSeconds = 0)
    {
        for (var i = 0; i < count; i++)
        {
            _limits.Admit(sender, slowModeSeconds, at);
        }
    }

    [Fact]
    public void A_sender_may_send_100_in_a_window_and_the_next_is_RATE_LIMITED()
    {
        var ann = Member("ann");
        SendMany(ann, ChatRules.MessagesPerMinute, T0);

        var refused = Assert.Throws<ChatException>(() => _limits.Admit(ann, 0, T0));

        Assert.Equal(ChatErrorCodes.RateLimited, refused.Code);
        Assert.Equal("At most 100 messages per minute.", refused.Message);
    }

    [Fact]
    public void A_send_stops_counting_exactly_one_window_after_it()
    {
        var ann = Member("ann");
        SendMany(ann, ChatRules.MessagesPerMinute, T0);

        Assert.Equal(ChatErrorCodes.RateLimited, RefusalCode(() => _limits.Admit(ann, 0, T0 + SenderLimits.Window - Ms)));
        Assert.Null(RefusalCode(() => _limits.Admit(ann, 0, T0 + SenderLimits.Window)));
    }

    [Fact]
    public void The_window_slides_so_only_the_sends_that_left_it_make_room()
    {
        var ann = Member("ann");
        SendMany(ann, 50, T0);
        SendMany(ann, 50, T0 + TimeSpan.FromSeconds(30));

        var atMinute = T0 + SenderLimits.Window;
        SendMany(ann, 50, atMinute);

        Assert.Equal(ChatErrorCodes.RateLimited, RefusalCode(() => _limits.Admit(ann, 0, atMinute)));
    }

    [Fact]
    public void Refused_sends_do_not_count()
    {
        var ann = Member("ann");
        SendMany(ann, ChatRules.MessagesPerMinute, T0);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ChatErrorCodes.RateLimited, RefusalCode(() => _limits.Admit(ann, 0, T0 + TimeSpan.FromSeconds(i))));
        }

        SendMany(ann, ChatRules.MessagesPerMinute, T0 + SenderLimits.Window);
    }

    [Fact]
    public void Each_sender_has_its_own_count()
    {
        SendMany(Member("ann"), ChatRules.MessagesPerMinute, T0);

        Assert.Null(RefusalCode(() => _limits.Admit(Member("bob"), 0, T0)));
    }

    [Fact]
    public void A_sender_the_session_budget_counts_is_not_counted_by_the_room_but_slow_mode_still_holds()
    {
        var listener = Member("listener", budgeted: true);
        SendMany(listener, ChatRules.MessagesPerMinute * 3, T0);

        Assert.Equal(ChatErrorCodes.SlowMode, RefusalCode(() => _limits.Admit(listener, 5, T0 + TimeSpan.FromSeconds(4))));
        Assert.Null(RefusalCode(() => _limits.Admit(listener, 5, T0 + TimeSpan.FromSeconds(5))));
    }

    [Fact]
    public void Slow_mode_refuses_until_exactly_the_interval_has_passed()
    {
        var ann = Member("ann");
        _limits.Admit(ann, 10, T0);

        var atOnce = Assert.Throws<ChatException>(() => _limits.Admit(ann, 10, T0));
        var lastMoment = Assert.Throws<ChatException>(() => _limits.Admit(ann, 10, T0 + TimeSpan.FromSeconds(10) - Ms));
        _limits.Admit(ann, 10, T0 + TimeSpan.FromSeconds(10));

        Assert.Equal(ChatErrorCodes.SlowMode, atOnce.Code);
        Assert.Equal("Slow mode: one message per 10 s; try again in 10 s.", atOnce.Message);
        Assert.Equal("Slow mode: one message per 10 s; try again in 1 s.", lastMoment.Message);
    }

    [Fact]
    public void A_send_slow_mode_refused_does_not_restart_the_interval()
    {
        var ann = Member("ann");
        _limits.Admit(ann, 10, T0);
        Assert.Equal(ChatErrorCodes.SlowMode, RefusalCode(() => _limits.Admit(ann, 10, T0 + TimeSpan.FromSeconds(9))));

        Assert.Null(RefusalCode(() => _limits.Admit(ann, 10, T0 + TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public void Slow_mode_off_spaces_nothing_and_other_senders_are_not_held_back()
    {
        var ann = Member("ann");
        SendMany(ann, 3, T0);

        Assert.Null(RefusalCode(() => _limits.Admit(Member("bob"), 10, T0 + TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void Moderators_are_exempt_from_slow_mode_but_not_from_the_rate_count()
    {
        var moderator = Member("mod", moderator: true);
        SendMany(moderator, ChatRules.MessagesPerMinute, T0, slowModeSeconds: ChatRules.MaxSlowModeSeconds);

        Assert.Equal(ChatErrorCodes.RateLimited, RefusalCode(() => _limits.Admit(moderator, ChatRules.MaxSlowModeSeconds, T0)));
    }

    [Fact]
    public void Slow_mode_is_checked_before_the_rate_count()
    {
        var ann = Member("ann");
        SendMany(ann, ChatRules.MessagesPerMinute, T0);

        Assert.Equal(ChatErrorCodes.SlowMode, RefusalCode(() => _limits.Admit(ann, 10, T0 + TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public void A_slow_mode_longer_than_the_window_holds()
    {
        var ann = Member("ann");
        _limits.Admit(ann, 120, T0);

        var tooSoon = Assert.Throws<ChatException>(() => _limits.Admit(ann, 120, T0 + TimeSpan.FromSeconds(90)));

        Assert.Equal("Slow mode: one message per 120 s; try again in 30 s.", tooSoon.Message);
        Assert.Null(RefusalCode(() => _limits.Admit(ann, 120, T0 + TimeSpan.FromSeconds(120))));
    }

    [Fact]
    public void Quiet_senders_are_forgotten_once_neither_limit_looks_back_to_their_last_send()
    {
        _limits.Admit(Member("ann"), 0, T0);
        _limits.Admit(Member("bob"), 0, T0 + TimeSpan.FromSeconds(1));

        _limits.ForgetQuiet(0, T0 + SenderLimits.Window - Ms);
        Assert.Equal(2, _limits.TrackedSenders);
        _limits.ForgetQuiet(0, T0 + SenderLimits.Window);
        Assert.Equal(1, _limits.TrackedSenders);
    }

    [Fact]
    public void A_slow_mode_longer_than_the_window_keeps_a_sender_remembered_and_refused()
    {
        var ann = Member("ann");
        _limits.Admit(ann, 120, T0);

        _limits.ForgetQuiet(120, T0 + TimeSpan.FromSeconds(90));

        Assert.Equal(1, _limits.TrackedSenders);
        Assert.Equal(ChatErrorCodes.SlowMode, RefusalCode(() => _limits.Admit(ann, 120, T0 + TimeSpan.FromSeconds(90))));
        _limits.ForgetQuiet(120, T0 + TimeSpan.FromSeconds(120));
        Assert.Equal(0, _limits.TrackedSenders);
    }
}
