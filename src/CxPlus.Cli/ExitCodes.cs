namespace CxPlus.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>A sector, wave or brand that does not exist.</summary>
    public const int NotFound = 1;
    /// <summary>Bad arguments or a refused file (every problem printed).</summary>
    public const int BadInput = 2;
    /// <summary>The database is not configured, not reachable or not migrated.</summary>
    public const int Database = 3;
    /// <summary>A fault of ours; details with CXPLUS_DEBUG=1.</summary>
    public const int Unexpected = 70;
    public const int Cancelled = 130;
}
