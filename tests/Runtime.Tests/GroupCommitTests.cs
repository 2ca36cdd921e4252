using OrleansRides.Runtime.Persistence;

namespace OrleansRides.Runtime.Tests;

public sealed class GroupCommitTests
{
    private sealed class BadItemException : Exception;

    private sealed class Writes
    {
        public List<int[]> Batches { get; } = [];
        public List<int> Committed { get; } = [];
        public List<int> Rejected { get; } = [];
        public TaskCompletionSource FirstWriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource FirstWriteMayFinish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Func<IReadOnlyList<int>, bool> IsDown { get; set; } = _ => false;

        public GroupCommit<int> Commit() => new(WriteAsync, batch =>
        {
            lock (Committed)
            {
                Committed.AddRange(batch);
            }
            return Task.CompletedTask;
        }, ex => ex is BadItemException, (item, _) => Rejected.Add(item));

        private async Task WriteAsync(IReadOnlyList<int> batch)
        {
            bool first;
            lock (Batches)
            {
                first = Batches.Count == 0;
                Batches.Add([.. batch]);
            }
            if (first)
            {
                FirstWriteStarted.SetResult();
                await FirstWriteMayFinish.Task;
            }
            if (IsDown(batch))
            {
                throw new TimeoutException("server down");
            }
            if (batch.Contains(13))
            {
                throw new BadItemException();
            }
        }
    }

    [Fact]
    public async Task Items_added_during_a_write_go_together_in_the_next_one_and_are_committed_in_order()
    {
        var writes = new Writes();
        var commit = writes.Commit();

        var first = commit.AddAsync(0);
        await writes.FirstWriteStarted.Task;
        var waiting = Enumerable.Range(1, 10).Select(commit.AddAsync).ToArray();
        Assert.False(first.IsCompleted);
        writes.FirstWriteMayFinish.SetResult();
        await Task.WhenAll(waiting.Append(first));

        Assert.Equal([[0], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], writes.Batches);
        Assert.Equal(Enumerable.Range(0, 11), writes.Committed);
    }

    [Fact]
    public async Task An_item_the_store_refuses_fails_alone_and_the_rest_of_its_batch_is_saved()
    {
        var writes = new Writes();
        var commit = writes.Commit();
        var first = commit.AddAsync(0);
        await writes.FirstWriteStarted.Task;
        var batch = new[] { 11, 12, 13, 14 }.Select(commit.AddAsync).ToArray();
        writes.FirstWriteMayFinish.SetResult();

        await Assert.ThrowsAsync<BadItemException>(() => batch[2]);
        await Task.WhenAll(first, batch[0], batch[1], batch[3]);
        await commit.AddAsync(15);

        Assert.Equal([0, 11, 12, 14, 15], writes.Committed);
        Assert.Equal([13], writes.Rejected);
    }

    [Fact]
    public async Task A_server_failure_fails_the_whole_batch_at_once_and_later_items_are_written_again()
    {
        var writes = new Writes { IsDown = batch => batch.Contains(1) };
        var commit = writes.Commit();
        writes.FirstWriteMayFinish.SetResult();

        await Assert.ThrowsAsync<TimeoutException>(() => commit.AddAsync(1));
        await commit.AddAsync(2);
        await commit.DrainAsync();

        Assert.Equal([2], writes.Committed);
        Assert.Empty(writes.Rejected);
        Assert.Equal(2, writes.Batches.Count);
    }
}
