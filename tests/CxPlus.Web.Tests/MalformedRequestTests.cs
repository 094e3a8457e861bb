using System.Net;
using System.Net.Http.Headers;
using CxPlus.Data.Accounts;
using CxPlus.Data.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CxPlus.Web.Tests;

/// <summary>Malformed requests get a clear 4xx (or, for a browser form, a page that says what went wrong), never a 500.</summary>
public sealed class MalformedRequestTests(AccessFixture access) : IClassFixture<AccessFixture>
{
    [Theory]
    [InlineData("/api/v1/sectors/%01%02/waves/2026-Q3/league")]
    [InlineData("/api/v1/sectors/%C3%28/waves/2026-Q3/league")]
    [InlineData("/api/v1/sectors/Retail%20Banking/waves/%FF%FE/league.csv")]
    [InlineData("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/brands/%E2%80%AE%E2%80%AE/report.pdf")]
    [InlineData("/api/v1/sectors/..%2F..%2Fetc%2Fpasswd/waves/2026-Q3/league")]
    [InlineData("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/brands/Bank%20A%27%3B%20DROP%20TABLE%20responses%3B--/report.pdf")]
    public async Task Odd_names_in_the_api_are_4xx_with_a_problem_document(string path)
    {
        using var client = access.App.Client();

        using var response = await client.GetAsync(path);

        ((int)response.StatusCode).Should().BeInRange(400, 499, path);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_name_of_ten_thousand_characters_is_a_400_naming_the_parameter()
    {
        using var client = access.App.Client();

        using var response = await client.GetAsync($"/api/v1/sectors/{new string('x', 10_000)}/waves/2026-Q3/league");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("sector");
    }

    [Theory]
    [InlineData("text/plain", "just text")]
    [InlineData("multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nwave,sec")]
    [InlineData("multipart/form-data", "no boundary at all")]
    [InlineData("application/x-www-form-urlencoded", "file=%ZZ%ZZ")]
    public async Task A_malformed_upload_is_sent_back_to_the_imports_page_never_a_500(string contentType, string body)
    {
        using var client = await access.BrowserAsync(AccessFixture.Email(AccountRoles.DataManager));
        using var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await client.PostAsync("/data/imports/upload", content);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.Should().StartWith("/data/imports?upload=");
    }

    [Fact]
    public async Task Sign_ins_and_exports_are_audited_with_who_and_the_outcome_and_never_a_password()
    {
        var logs = new LogCapture();
        await using var factory = access.App.Factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var consultant = AccessFixture.Email(AccountRoles.Consultant);

        (await AccessFixture.SignInAsync(client, consultant, "not the password at all")).Dispose();
        (await AccessFixture.SignInAsync(client, consultant, AccessFixture.Password)).Dispose();
        (await client.GetAsync("/api/v1/sectors/Retail%20Banking/waves/2026-Q3/league.csv")).Dispose();

        var audit = logs.Lines.Where(l => l.Category == CxPlus.Data.AuditLog.Category).Select(l => l.Message).ToList();
        audit.Should().Contain($"sign-in dashboard by {consultant}: failed").And.Contain($"sign-in dashboard by {consultant}: succeeded");
        audit.Should().Contain($"export league.csv Retail Banking 2026-Q3 by {consultant}: 200");
        logs.Lines.Select(l => l.Message).Should().NotContain(l => l.Contains("not the password at all") || l.Contains(AccessFixture.Password));
    }
}
