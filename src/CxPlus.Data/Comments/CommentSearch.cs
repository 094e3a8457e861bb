using CxPlus.Data.Importing;
using Npgsql;

namespace CxPlus.Data.Comments;

/// <summary>
/// Makes imported comments searchable: fills each comment's stored <c>search</c> vector (PostgreSQL's
/// full-text form of the text in its own language) just after the import committed, not inside it.
/// Stemming is PostgreSQL's largest cost of an import with comments (2.2 s of 4.6 s for 290,292
/// comments, docs/performance.md), and the import's users wait for its commit, not for the index.
/// Until an import's comments are filled, <see cref="PendingImportsAsync"/> names it and the search
/// reads those comments' text with <see cref="Vector"/> itself, so no search ever misses a comment.
/// </summary>
public static class CommentSearch
{
    /// <summary>The full-text form of comments <c>c</c>'s text in its own language: what the stored vector holds.</summary>
    public const string Vector = "(CASE c.language WHEN 'nl' THEN to_tsvector('dutch', c.text) ELSE to_tsvector('english', c.text) END)";

    /// <summary>
    /// Fills the search vectors of every import whose comments are pending, one import per
    /// transaction under the import lock (so undo, replace, erasure and merge wait for it rather than
    /// race it, and two instances never fill one import twice). Returns how many comments it filled.
    /// </summary>
    public static async Task<long> FillPendingAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        long filled = 0;
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await ImportHistory.LockAsync(connection, ct);
            await using var next = new NpgsqlCommand("SELECT min(id) FROM imports WHERE comments_pending", connection);
            if (await next.ExecuteScalarAsync(ct) is not long importId) return filled;
            await using (var fill = new NpgsqlCommand($"UPDATE comments c SET search = {Vector} WHERE c.import_id = $1 AND c.search IS NULL", connection))
            {
                fill.CommandTimeout = 0; // a file of millions of comments takes as long as it takes
                fill.Parameters.Add(new() { Value = importId });
                filled += await fill.ExecuteNonQueryAsync(ct);
            }
            await using (var done = new NpgsqlCommand("UPDATE imports SET comments_pending = false WHERE id = $1", connection))
            {
                done.Parameters.Add(new() { Value = importId });
                await done.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>The imports whose comments are not in the search index yet (usually none; an import's for a few seconds after it).</summary>
    internal static async Task<long[]> PendingImportsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(array_agg(id), '{}') FROM imports WHERE comments_pending", connection);
        return (long[])(await command.ExecuteScalarAsync(ct))!;
    }
}
