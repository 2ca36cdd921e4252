namespace OrleansRides.Runtime.Persistence;

/// <summary>Group commit: items added while a batch is being written wait and go together in the next write, so concurrent
/// writers share one round trip and none waits longer than one write behind the one in flight (there is no timer: a lone
/// item is written at once). Batches are written one at a time, in the order their items were added, and
/// <c>onCommitted</c> runs for each before any of its items' tasks completes, so what it publishes keeps that order too.
/// Thread-safe.</summary>
/// <remarks>A batch that fails with an error <c>isItemError</c> recognises (a data error such as PostgreSQL's SQLSTATE
/// class 22/23: the content, not the server, is at fault) is split and written item by item, so one bad item fails alone
/// and the rest are saved; any other error (the server is down) fails the whole batch at once, without retries, so
/// callers learn quickly and can answer a retryable error.</remarks>
/// <typeparam name="T">What is written, for example a chat message.</typeparam>
/// <param name="writeBatch">Stores a batch in one statement (all or nothing).</param>
/// <param name="onCommitted">Runs after each stored batch, in order (for example to publish it); should handle its own
/// errors.</param>
/// <param name="isItemError">Whether an exception blames the content (split the batch) rather than the server.</param>
/// <param name="onItemRejected">Told of each item that was refused for its content (to log and count it).</param>
public sealed class GroupCommit<T>(
    Func<IReadOnlyList<T>, Task> writeBatch,
    Func<IReadOnlyList<T>, Task> onCommitted,
    Func<Exception, bool> isItemError,
    Action<T, Exception> onItemRejected)
{
    private readonly Lock _lock = new();
    private List<(T Item, TaskCompletionSource Written)> _pending = [];
    private Task _writer = Task.CompletedTask;
    private bool _writing;

    /// <summary>Queues <paramref name="item"/> for the next batch.</summary>
    /// <returns>Completes once the item is stored and <c>onCommitted</c> has run for its batch; faults with the write's
    /// exception if it could not be stored.</returns>
    public Task AddAsync(T item)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _pending.Add((item, written));
            if (!_writing)
            {
                _writing = true;
                _writer = Task.Run(WriteUntilEmptyAsync);
            }
        }
        return written.Task;
    }

    /// <summary>Completes when every item added so far has been written or has failed.</summary>
    public Task DrainAsync()
    {
        lock (_lock)
        {
            return _writer;
        }
    }

    private async Task WriteUntilEmptyAsync()
    {
        while (true)
        {
            List<(T Item, TaskCompletionSource Written)> batch;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _writing = false;
                    return;
                }
                batch = _pending;
                _pending = [];
            }
            try
            {
                await WriteAsync(batch);
            }
            catch (Exception ex)
            {
                // Only onCommitted can throw this far (its caller should handle its own errors); the items are resolved
                // already, and the loop must live on or later items would wait forever.
                Fail(batch, ex);
            }
        }
    }

    private async Task WriteAsync(List<(T Item, TaskCompletionSource Written)> batch)
    {
        try
        {
            await writeBatch(batch.ConvertAll(entry => entry.Item));
        }
        catch (Exception ex) when (isItemError(ex) && batch.Count > 1)
        {
            await WriteOneByOneAsync(batch);
            return;
        }
        catch (Exception ex)
        {
            Fail(batch, ex);
            return;
        }
        await CommittedAsync(batch);
    }

    private async Task WriteOneByOneAsync(List<(T Item, TaskCompletionSource Written)> batch)
    {
        foreach (var entry in batch)
        {
            await WriteAsync([entry]);
        }
    }

    private async Task CommittedAsync(List<(T Item, TaskCompletionSource Written)> batch)
    {
        try
        {
            await onCommitted(batch.ConvertAll(entry => entry.Item));
        }
        finally
        {
            // Stored is stored: a failed notification does not turn a saved item into a failed one.
            foreach (var entry in batch)
            {
                entry.Written.TrySetResult();
            }
        }
    }

    private void Fail(List<(T Item, TaskCompletionSource Written)> batch, Exception ex)
    {
        foreach (var entry in batch)
        {
            if (isItemError(ex))
            {
                onItemRejected(entry.Item, ex);
            }
            entry.Written.TrySetException(ex);
        }
    }
}
