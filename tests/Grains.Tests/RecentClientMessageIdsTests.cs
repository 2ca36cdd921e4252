using OrleansRides.GrainInterfaces.Chat;
using OrleansRides.Grains.Chat;

namespace OrleansRides.Grains.Tests;

public sealed class RecentClientMessageIdsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private readonly RecentClientMessageIds _ids = new();

    private static Task<ChatMessage> Saved(long seq) =>
        Task.FromResult(new ChatMessage(Guid.CreateVersion7(T0), "radio/live", seq, "s-ann", "ann", $"message {seq}", T0));

    [Fact]
    public void A_key_is_the_sender_and_the_client_message_id()
    {
        Assert.Equal("s-ann\nc-1", RecentClientMessageIds.KeyFor("s-ann", "c-1"));
        Assert.NotEqual(RecentClientMessageIds.KeyFor("s-ann", "c-1"), RecentClientMessageIds.KeyFor("s-bob", "c-1"));
        Assert.NotEqual(RecentClientMessageIds.KeyFor("s-ann", "c-1"), RecentClientMessageIds.KeyFor("s-ann", "C-1"));
        Assert.Equal("system\nlisting-created:7", RecentClientMessageIds.KeyForAnnouncement("listing-created:7"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_send_without_a_client_message_id_has_no_key_and_is_never_a_retry(string? clientMessageId)
    {
        var key = RecentClientMessageIds.KeyFor("s-ann", clientMessageId);
        _ids.Remember(key, Saved(1));

        Assert.Null(key);
        Assert.Null(_ids.Earlier(key));
        Assert.Equal(0, _ids.Count);
    }

    [Fact]
    public void A_client_message_id_may_be_64_characters_but_not_65()
    {
        Assert.NotNull(RecentClientMessageIds.KeyFor("s-ann", new string('x', 64)));
        var tooLong = Assert.Throws<ChatException>(() => RecentClientMessageIds.KeyFor("s-ann", new string('x', 65)));

        Assert.Equal(ChatErrorCodes.InvalidRequest, tooLong.Code);
        Assert.Equal("clientMessageId is longer than 64 characters.", tooLong.Message);
    }

    [Fact]
    public void A_key_seen_again_answers_the_first_outcome_even_while_it_is_being_saved()
    {
        var saving = new TaskCompletionSource<ChatMessage>();
        _ids.Remember("s-ann\nc-1", saving.Task);

        Assert.Same(saving.Task, _ids.Earlier("s-ann\nc-1"));
        Assert.Null(_ids.Earlier("s-ann\nc-2"));
    }

    [Fact]
    public void A_key_is_kept_for_capacity_sends_and_then_pushed_out_oldest_first()
    {
        for (var i = 0; i < RecentClientMessageIds.Capacity; i++)
        {
            _ids.Remember($"s-ann\nc-{i}", Saved(i));
        }
        Assert.NotNull(_ids.Earlier("s-ann\nc-0"));

        _ids.Remember("s-ann\nnewest", Saved(-1));

        Assert.Null(_ids.Earlier("s-ann\nc-0"));
        Assert.NotNull(_ids.Earlier("s-ann\nc-1"));
        Assert.NotNull(_ids.Earlier("s-ann\nnewest"));
        Assert.Equal(RecentClientMessageIds.Capacity, _ids.Count);

        _ids.Remember("s-ann\nnewer still", Saved(-2));
        Assert.Null(_ids.Earlier("s-ann\nc-1"));
        Assert.NotNull(_ids.Earlier("s-ann\nc-2"));
    }

    [Fact]
    public void A_failed_send_is_forgotten_so_its_retry_is_judged_afresh()
    {
        var failed = Task.FromException<ChatMessage>(new InvalidOperationException("write failed"));
        _ids.Remember("s-ann\nc-1", failed);

        _ids.Forget("s-ann\nc-1", failed);

        Assert.Null(_ids.Earlier("s-ann\nc-1"));
    }

    [Fact]
    public void Forgetting_a_failed_send_keeps_a_newer_outcome_under_the_same_key()
    {
        var failed = Task.FromException<ChatMessage>(new InvalidOperationException("write failed"));
        var retried = Saved(2);
        _ids.Remember("s-ann\nc-1", failed);
        _ids.Remember("s-ann\nc-1", retried);

        _ids.Forget("s-ann\nc-1", failed);

        Assert.Same(retried, _ids.Earlier("s-ann\nc-1"));
    }

    [Fact]
    public void A_forgotten_send_still_holds_its_place_in_the_order()
    {
        var failed = Task.FromException<ChatMessage>(new InvalidOperationException("write failed"));
        _ids.Remember("s-ann\nfailed", failed);
        _ids.Forget("s-ann\nfailed", failed);
        for (var i = 0; i < RecentClientMessageIds.Capacity - 1; i++)
        {
            _ids.Remember($"s-ann\nc-{i}", Saved(i));
        }

        _ids.Remember("s-ann\nnewest", Saved(-1));

        Assert.NotNull(_ids.Earlier("s-ann\nc-0"));
        Assert.Equal(RecentClientMessageIds.Capacity, _ids.Count);
    }
}
