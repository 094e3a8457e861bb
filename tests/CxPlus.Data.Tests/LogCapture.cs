using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CxPlus.Data.Tests;

/// <summary>Keeps every log line written, for asserting what the logs say (and do not say).</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(string Category, string Message)> Lines { get; } = new();
    /// <summary>Warnings and errors, with their category.</summary>
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Warnings { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);
    public void Dispose() { }

    private sealed class Logger(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception) + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})");
            capture.Lines.Enqueue((category, message));
            if (logLevel >= LogLevel.Warning) capture.Warnings.Enqueue((category, logLevel, message));
        }
    }
}
