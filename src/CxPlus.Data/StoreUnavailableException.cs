using Npgsql;

namespace CxPlus.Data;

/// <summary>
/// The database went away in the middle of an operation (stopped, restarted, the connection cut).
/// The operation's transaction never committed, so nothing was changed; the message says so.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>
    /// Whether <paramref name="e"/> means the connection to PostgreSQL was lost, rather than a
    /// refusal by it: a network or protocol error, an administrator's shutdown or termination
    /// (SQLSTATE 57P0x, 08xxx), or Npgsql refusing to use a stream of a broken connection. An
    /// IOException of the file being imported is not one.
    /// </summary>
    public static bool IsConnectionLoss(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException => true,
        ObjectDisposedException d => d.ObjectName?.StartsWith("Npgsql", StringComparison.Ordinal) == true,
        // A file's own read error is not the database's: only Npgsql's exceptions count, however wrapped.
        _ => e.InnerException is NpgsqlException or ObjectDisposedException && IsConnectionLoss(e.InnerException),
    };
}
