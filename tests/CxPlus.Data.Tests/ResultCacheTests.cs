using CxPlus.Data.League;

namespace CxPlus.Data.Tests;

/// <summary>Shared results per store generation: one computation at a time, abandoned when nobody waits for it any more.</summary>
public sealed class ResultCacheTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private async Task<ResultCache> CacheAsync()
    {
        var changes = new StoreChanges(db.DataSource);
        await changes.RefreshAsync();
        changes.Data.Should().NotBeNull();
        return new ResultCache(changes);
    }

    /// <summary>A computation that waits until released or cancelled, counting its starts and cancellations.</summary>
    private sealed class Slow
    {
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Starts;

        public async Task<string> RunAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Starts);
            try
            {
                await Release.Task.WaitAsync(ct);
                return "done";
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }
    }

    [Fact]
    public async Task Callers_asking_at_once_share_one_computation()
    {
        var cache = await CacheAsync();
        var slow = new Slow();

        var first = cache.GetAsync("k", slow.RunAsync, default);
        var second = cache.GetAsync("k", slow.RunAsync, default);
        slow.Release.SetResult();

        (await first, await second).Should().Be(("done", "done"));
        slow.Starts.Should().Be(1);
        (await cache.GetAsync("k", slow.RunAsync, default)).Should().Be("done");
        slow.Starts.Should().Be(1, "kept for the generation");
    }

    [Fact]
    public async Task When_the_only_caller_leaves_the_computation_is_cancelled_and_the_next_caller_starts_afresh()
    {
        var cache = await CacheAsync();
        var slow = new Slow();
        using var leave = new CancellationTokenSource();

        var gone = cache.GetAsync("k", slow.RunAsync, leave.Token);
        leave.Cancel();

        await FluentActions.Awaiting(() => gone).Should().ThrowAsync<OperationCanceledException>();
        await slow.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5)); // the work itself was told to stop
        var next = cache.GetAsync("k", slow.RunAsync, default);
        slow.Release.SetResult();
        (await next).Should().Be("done");
        slow.Starts.Should().Be(2);
    }

    [Fact]
    public async Task When_one_of_two_callers_leaves_the_other_still_gets_the_result()
    {
        var cache = await CacheAsync();
        var slow = new Slow();
        using var leave = new CancellationTokenSource();

        var gone = cache.GetAsync("k", slow.RunAsync, leave.Token);
        var staying = cache.GetAsync("k", slow.RunAsync, default);
        leave.Cancel();
        await FluentActions.Awaiting(() => gone).Should().ThrowAsync<OperationCanceledException>();
        slow.Release.SetResult();

        (await staying).Should().Be("done");
        slow.Cancelled.Task.IsCompleted.Should().BeFalse();
        slow.Starts.Should().Be(1);
    }
}
