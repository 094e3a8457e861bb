using System.Net;
using CxPlus.Data.Accounts;
using CxPlus.Data.Importing;
using CxPlus.Data.Tests;
using CxPlus.Scoring;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Web.Tests;

/// <summary>
/// Access is checked when a download starts; these prove that taking it away also ends a download
/// that is still streaming (the review revoked a token and kept receiving respondent rows).
/// </summary>
public sealed class StreamingAccessTests : IAsyncLifetime
{
    private const string Responses = "/api/v1/sectors/S/waves/W1/responses.csv";
    private const int Rows = 60_000; // about 2.5 MB: far more than the test server buffers ahead of a slow reader
    private readonly PostgresDatabase _db = new();
    private readonly Files _files = new();
    private WebApplicationFactory<Program> _app = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var rows = Enumerable.Range(0, Rows).Select(i => $"W1,S,B{i % 10},R{i},{(i % 3 == 0 ? "prospect" : "customer")},7,6,8,7,6,,9,4,6");
        var result = await new ResponseImporter(_db.DataSource, ScoringSettings.Default, TimeProvider.System)
            .ImportAsync(_files.Lines(Files.Header, rows), new ImportOptions("big.csv", "test"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems.Take(5)));
        _app = TestApp.Create(_db.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
        _files.Dispose();
    }

    private UserAccounts Accounts => _app.Services.GetRequiredService<UserAccounts>();

    private async Task<string> DataManagerTokenAsync(string email)
    {
        await Accounts.CreateAsync(email, "a long enough password", [AccountRoles.DataManager]);
        return (await Accounts.CreateTokenAsync(email, "download")).Secret;
    }

    /// <summary>Starts the download, reads its first bytes, runs <paramref name="takeAway"/>, then reads slowly on.
    /// Returns the bytes received and whether the download broke off.</summary>
    private async Task<(long Bytes, bool BrokeOff)> DownloadAsync(string token, Func<Task> takeAway)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Responses);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[16 * 1024];
        long bytes = await body.ReadAsync(buffer);
        await takeAway();
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                await Task.Delay(20); // a slow client: the file takes far longer than the watch needs to notice
            }
            return (bytes, false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            return (bytes, true);
        }
    }

    [Fact]
    public async Task An_untouched_download_of_respondent_rows_runs_to_its_end()
    {
        var token = await DataManagerTokenAsync("steady@example.com");

        var (bytes, brokeOff) = await DownloadAsync(token, () => Task.CompletedTask);

        brokeOff.Should().BeFalse();
        bytes.Should().BeGreaterThan(2_000_000, "every row arrives");
    }

    [Fact]
    public async Task Revoking_the_token_ends_a_download_already_streaming()
    {
        var token = await DataManagerTokenAsync("revoked@example.com");
        var id = (await Accounts.ListTokensAsync("revoked@example.com")).Single().Id;

        var (bytes, brokeOff) = await DownloadAsync(token, () => Accounts.RevokeTokenAsync("revoked@example.com", id));

        brokeOff.Should().BeTrue("the rows stop when the token is revoked");
        bytes.Should().BeLessThan(2_000_000);
    }

    [Fact]
    public async Task Disabling_the_user_ends_a_download_already_streaming()
    {
        var token = await DataManagerTokenAsync("disabled@example.com");

        var (bytes, brokeOff) = await DownloadAsync(token, () => Accounts.DisableAsync("disabled@example.com"));

        brokeOff.Should().BeTrue("the rows stop when the user is disabled");
        bytes.Should().BeLessThan(2_000_000);
    }
}
