using System.Net;
using System.Text.RegularExpressions;
using CxPlus.Data;
using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Web.Tests;

/// <summary>One user per role (password and API token) in the API fixture's store.</summary>
public sealed class AccessFixture : IAsyncLifetime
{
    public const string Password = "a long enough password";
    public ApiFixture App { get; } = new();
    public Dictionary<string, string> Tokens { get; } = [];

    /// <summary>The organisation of the Client user: it holds Bank A.</summary>
    public const string Organisation = "Bank A Group";

    public static string Email(string role) => $"{role.ToLowerInvariant()}@access.example.com";

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        var accounts = App.Factory.Services.GetRequiredService<UserAccounts>();
        var organisations = App.Factory.Services.GetRequiredService<Organisations>();
        await organisations.AddAsync(Organisation);
        await organisations.GrantAsync(Organisation, "Retail Banking", "Bank A");
        foreach (var role in AccountRoles.All)
        {
            await accounts.CreateAsync(Email(role), Password, [role], client: role == AccountRoles.Client ? Organisation : null);
            Tokens[role] = (await accounts.CreateTokenAsync(Email(role), "access tests")).Secret;
        }
    }

    public Task DisposeAsync() => App.DisposeAsync();

    /// <summary>A browser-like client (cookies, no redirects followed), signed in when an e-mail is given.</summary>
    public async Task<HttpClient> BrowserAsync(string? email = null, string password = Password)
    {
        var client = App.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (email is not null)
        {
            using var response = await SignInAsync(client, email, password);
            response.StatusCode.Should().Be(HttpStatusCode.Found, $"{email} signs in");
        }
        return client;
    }

    /// <summary>Posts the sign-in form as a browser would, with the antiforgery token from the page.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var page = await client.GetStringAsync("/account/sign-in");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        token.Should().NotBeEmpty("the sign-in form carries an antiforgery token");
        var query = returnUrl is null ? "" : $"?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return await client.PostAsync("/account/sign-in" + query, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "sign-in",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }
}

/// <summary>
/// Every role against every page and endpoint, allowed and denied, checked on the server:
/// pages by the sign-in cookie, the API by tokens. Anonymous visitors reach only sign-in and health.
/// </summary>
public sealed class AccessTests(AccessFixture access) : IClassFixture<AccessFixture>
{
    private const string League = "/sectors/Retail%20Banking/waves/2026-Q3";
    private const string V = AccountRoles.Viewer, C = AccountRoles.Consultant, D = AccountRoles.DataManager, A = AccountRoles.Admin, Cl = AccountRoles.Client;

    /// <summary>Route → the roles allowed; every other role must be refused.</summary>
    public static TheoryData<string, string[]> Pages => new()
    {
        { "/", [V, C, D, A] },
        { "/sectors", [V, C, D, A] },
        { "/search?q=bank", [V, C, D, A] },
        { "/search/brands?q=bank", [V, C, D, A] },
        { League, [V, C, D, A] },
        { League + "/brands/Bank%20A", [V, C, D, A] },
        { League + "/compare?brands=Bank%20A,Bank%20B", [V, C, D, A] },
        { "/methodology", [V, C, D, A] },
        { "/data/imports", [D, A] },
        { "/data/imports/pending/0b5a4b1e6a0d4c7f9b8e2d1c3a4f5e6d", [D, A] },
        { "/admin/users", [A] },
        { "/admin/audit", [A] },
        { "/data/names", [D, A] },
        { "/data/format", [V, C, D, A] },
        { "/account/tokens", [V, C, D, A, Cl] },
        { "/benchmark", [Cl] },
        { "/benchmark/Retail%20Banking/waves/2026-Q3", [Cl] },
        { "/benchmark/Retail%20Banking/waves/2026-Q3/brands/Bank%20A", [Cl] },
    };

    public static TheoryData<string, string[]> Api => new()
    {
        { "/api/v1/sectors", [V, C, D, A] },
        { "/api/v1/waves", [V, C, D, A] },
        { "/api/v1" + League + "/league", [V, C, D, A] },
        { "/api/v1/openapi.json", [V, C, D, A] },
        { "/api/v1" + League + "/league.csv", [C, A] },
        { "/api/v1" + League + "/league.xlsx", [C, A] },
        { "/api/v1" + League + "/brands/Bank%20A/report.pdf", [C, A] },
        { "/api/v1" + League + "/responses.csv", [D, A] },
        { "/api/v1" + League + "/brands/Bank%20A/report.pptx", [C, A] },
        { "/api/v1" + League + "/reports.zip", [C, A] },
        { "/api/v1/benchmark", [Cl] },
        { "/api/v1/benchmark" + League + "/league", [Cl] },
        { "/api/v1/benchmark" + League + "/league.csv", [Cl] },
        { "/api/v1/benchmark" + League + "/league.xlsx", [Cl] },
        { "/api/v1/benchmark" + League + "/brands/Bank%20A/report.pdf", [Cl] },
        { "/api/v1/benchmark" + League + "/brands/Bank%20A/report.pptx", [Cl] },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_admit_their_roles_and_send_others_to_access_denied(string path, string[] allowed)
    {
        foreach (var role in AccountRoles.All)
        {
            using var client = await access.BrowserAsync(AccessFixture.Email(role));
            using var response = await client.GetAsync(path);
            if (allowed.Contains(role))
                response.StatusCode.Should().Be(HttpStatusCode.OK, $"{role} may open {path}");
            else
            {
                response.StatusCode.Should().Be(HttpStatusCode.Found, $"{role} may not open {path}");
                // A member's person at the root address starts at its benchmark instead (MemberDeadEndTests).
                response.Headers.Location!.OriginalString.Split('?')[0].Should().EndWith(path == "/" && role == Cl ? "/benchmark" : "/account/access-denied");
            }
        }
    }

    [Fact]
    public async Task Every_refusal_of_a_signed_in_caller_is_an_audit_event_naming_who_what_and_the_roles_needed()
    {
        var audit = access.App.Factory.Services.GetRequiredService<AuditLog>();
        var client = AccessFixture.Email(AccountRoles.Client);
        using var browser = await access.BrowserAsync(client);
        using var token = access.App.Client(access.Tokens[AccountRoles.Client]);

        (await browser.GetAsync("/admin/audit")).StatusCode.Should().Be(HttpStatusCode.Found);
        (await token.GetAsync("/api/v1" + League + "/responses.csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var denied = await audit.ListAsync(actor: client, action: "access-denied");
        denied.Select(e => (e.Target, e.Outcome)).Should().Contain([
            ("GET /admin/audit", "refused: needs Admin"),
            ("GET /api/v1" + League + "/responses.csv", "refused: needs one of Viewer, Consultant, DataManager, Admin and one of DataManager, Admin"),
        ]);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_send_anonymous_visitors_to_sign_in(string path, string[] allowed)
    {
        allowed.Should().NotBeEmpty();
        using var client = await access.BrowserAsync();

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.AbsolutePath.Should().Be("/account/sign-in");
    }

    [Theory]
    [MemberData(nameof(Api))]
    public async Task Api_endpoints_admit_their_roles_by_token_and_refuse_others_with_403(string path, string[] allowed)
    {
        foreach (var role in AccountRoles.All)
        {
            using var client = access.App.Client(access.Tokens[role]);
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(allowed.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{role} on {path}");
        }
    }

    [Theory]
    [MemberData(nameof(Api))]
    public async Task Api_endpoints_answer_401_without_a_valid_token(string path, string[] allowed)
    {
        allowed.Should().NotBeEmpty();
        using var anonymous = await access.BrowserAsync();
        using var wrongToken = access.App.Client("cxp_not-a-token");

        using var unnamed = await anonymous.GetAsync(path);
        unnamed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        // RFC 9110: a 401 names the scheme that would be accepted, also when no credentials came at all (issue #31).
        unnamed.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer", "a client without a token is told to bring one");
        using var refused = await wrongToken.GetAsync(path);
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.Should().Contain(h => h.Scheme == "Bearer");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task An_api_token_alone_opens_no_page_not_even_an_administrators(string path, string[] allowed)
    {
        allowed.Should().NotBeEmpty();
        using var client = access.App.Client(access.Tokens[A]);

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Found, $"pages need the sign-in cookie ({path})");
        response.Headers.Location!.AbsolutePath.Should().Be("/account/sign-in");
    }

    [Fact]
    public async Task An_api_token_cannot_open_a_dashboard_circuit()
    {
        using var client = access.App.Client(access.Tokens[A]);

        using var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(""));

        negotiate.StatusCode.Should().NotBe(HttpStatusCode.OK, "the circuit runs every page, so it needs the sign-in cookie");
        ((int)negotiate.StatusCode).Should().BeOneOf(302, 401);
    }

    [Fact]
    public async Task Every_role_may_open_a_circuit_with_its_cookie_and_nobody_without_one()
    {
        // The circuit carries no page of its own (each keeps its policy); a client's token page runs in one.
        foreach (var role in AccountRoles.All)
        {
            using var client = await access.BrowserAsync(AccessFixture.Email(role));
            using var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(""));
            negotiate.StatusCode.Should().Be(HttpStatusCode.OK, $"{role} opens a circuit");
        }
        using var anonymous = await access.BrowserAsync();
        using var refused = await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(""));
        ((int)refused.StatusCode).Should().BeOneOf(302, 401);
    }

    [Fact]
    public async Task An_api_token_cannot_post_a_form()
    {
        using var client = access.App.Client(access.Tokens[A]);
        using var content = new MultipartFormDataContent { { new StringContent("x"), "file", "x.csv" } };

        using var upload = await client.PostAsync("/data/imports/upload", content);
        using var signOut = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]));

        upload.StatusCode.Should().Be(HttpStatusCode.Found);
        upload.Headers.Location!.AbsolutePath.Should().Be("/account/sign-in");
        ((int)signOut.StatusCode).Should().BeOneOf(302, 400, 401);
    }

    [Fact]
    public async Task With_a_cookie_and_someone_elses_token_the_api_judges_by_the_token()
    {
        using var client = await access.BrowserAsync(AccessFixture.Email(C));
        client.DefaultRequestHeaders.Authorization = new("Bearer", access.Tokens[V]);

        (await client.GetAsync("/api/v1" + League + "/league.csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the viewer's token may not export");
    }

    [Theory]
    [InlineData("Bearer cxp_not-a-token", null)]
    [InlineData("Bearer", null)]
    [InlineData(null, "cxplus=garbage")]
    [InlineData("valid", null)]
    public async Task Health_live_answers_200_whatever_credentials_come_with_it(string? authorization, string? cookie)
    {
        using var client = access.App.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization == "valid" ? $"Bearer {access.Tokens[A]}" : authorization);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_api_accepts_the_sign_in_cookie_too()
    {
        using var client = await access.BrowserAsync(AccessFixture.Email(C));

        (await client.GetAsync("/api/v1" + League + "/league.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Only_sign_in_and_health_answer_anonymous_visitors(string path)
    {
        using var client = await access.BrowserAsync();

        (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Uploading_needs_the_data_manager_role()
    {
        foreach (var role in AccountRoles.All)
        {
            using var client = await access.BrowserAsync(AccessFixture.Email(role));
            using var content = new MultipartFormDataContent { { new StringContent("x"), "file", "x.csv" } };
            using var response = await client.PostAsync("/data/imports/upload", content);
            response.StatusCode.Should().Be(HttpStatusCode.Found);
            // Allowed roles get as far as the antiforgery check (this post has no token); the others are denied first.
            response.Headers.Location!.OriginalString.Should().Be(role is D or A ? "/data/imports?upload=expired" : "http://localhost/account/access-denied?ReturnUrl=%2Fdata%2Fimports%2Fupload");
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_from_that_address_even_against_the_right_one()
    {
        var accounts = access.App.Factory.Services.GetRequiredService<UserAccounts>();
        const string email = "locked@access.example.com";
        await accounts.CreateAsync(email, AccessFixture.Password, [V]);
        using var client = await access.BrowserAsync();
        client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, "203.0.113.7");

        for (var i = 0; i < 4; i++)
            (await (await AccessFixture.SignInAsync(client, email, "wrong password!")).Content.ReadAsStringAsync())
                .Should().Contain("The e-mail or the password is wrong.");
        (await (await AccessFixture.SignInAsync(client, email, "wrong password!")).Content.ReadAsStringAsync())
            .Should().Contain("This account is locked for sign-ins from here for 1 minute");
        using var right = await AccessFixture.SignInAsync(client, email, AccessFixture.Password);

        right.StatusCode.Should().Be(HttpStatusCode.OK, "a locked pair does not sign in");
        (await right.Content.ReadAsStringAsync()).Should().Contain("This account is locked");
        var summary = (await accounts.FindAsync(email))!;
        (summary.LockedOutUntil, summary.LockedAddresses).Should().Match<(DateTimeOffset?, int)>(l => l.Item1 != null && l.Item2 == 1);
    }

    [Fact]
    public async Task Someone_guessing_at_an_account_cannot_lock_its_owner_out_and_an_admin_can_lift_the_lock()
    {
        // The review locked a colleague out for good by typing five wrong passwords every quarter of an hour.
        var accounts = access.App.Factory.Services.GetRequiredService<UserAccounts>();
        const string email = "victim@access.example.com";
        await accounts.CreateAsync(email, AccessFixture.Password, [V]);
        using var guesser = await access.BrowserAsync();
        guesser.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, "198.51.100.66");
        for (var i = 0; i < 12; i++) (await AccessFixture.SignInAsync(guesser, email, $"guess number {i}!")).Dispose();

        using var owner = await access.BrowserAsync();
        owner.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, "192.0.2.10");
        using var signedIn = await AccessFixture.SignInAsync(owner, email, AccessFixture.Password);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Found, "the owner, at their own address, is not held back by the guesser");

        (await (await AccessFixture.SignInAsync(guesser, email, AccessFixture.Password)).Content.ReadAsStringAsync())
            .Should().Contain("This account is locked for sign-ins from here", "even the right password waits out the guesser's lock");
        await accounts.UnlockAsync(email, by: "admin@access.example.com");
        (await AccessFixture.SignInAsync(guesser, email, AccessFixture.Password)).StatusCode.Should().Be(HttpStatusCode.Found, "an administrator lifted the lock");
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(7, 4)]
    [InlineData(10, 32)]
    [InlineData(11, 60)]
    [InlineData(40, 60)]
    public void Each_further_wrong_password_doubles_the_wait_up_to_an_hour(int failures, int minutes) =>
        SignInLocks.LockFor(failures).Should().Be(TimeSpan.FromMinutes(minutes));

    [Fact]
    public async Task A_sign_in_is_recorded_as_the_users_last_sign_in()
    {
        var accounts = access.App.Factory.Services.GetRequiredService<UserAccounts>();
        const string email = "recorded@access.example.com";
        await accounts.CreateAsync(email, AccessFixture.Password, [V]);
        (await accounts.FindAsync(email))!.LastSignInAt.Should().BeNull();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1); // the store keeps microseconds

        using var client = await access.BrowserAsync(email);

        (await accounts.FindAsync(email))!.LastSignInAt.Should().BeOnOrAfter(before);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_their_token_stops()
    {
        var accounts = access.App.Factory.Services.GetRequiredService<UserAccounts>();
        const string email = "disabled@access.example.com";
        await accounts.CreateAsync(email, AccessFixture.Password, [C]);
        var (_, token) = await accounts.CreateTokenAsync(email, "t");
        await accounts.DisableAsync(email);
        using var client = await access.BrowserAsync();

        using var signIn = await AccessFixture.SignInAsync(client, email, AccessFixture.Password);

        (await signIn.Content.ReadAsStringAsync()).Should().Contain("This account is disabled");
        (await access.App.Client(token).GetAsync("/api/v1/sectors")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("//evil.example.com/x")]
    [InlineData("/\\evil.example.com")]
    [InlineData("https://evil.example.com")]
    public async Task Sign_in_never_redirects_off_the_site(string returnUrl)
    {
        using var client = await access.BrowserAsync();

        using var response = await AccessFixture.SignInAsync(client, AccessFixture.Email(V), AccessFixture.Password, returnUrl);

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.Should().BeOneOf("/", "http://localhost/");
    }

    [Fact]
    public async Task Sign_out_refuses_a_post_without_its_antiforgery_token()
    {
        using var client = await access.BrowserAsync(AccessFixture.Email(V));

        using var response = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/methodology")).StatusCode.Should().Be(HttpStatusCode.OK, "a forged sign-out does not sign anyone out");
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_post_without_its_antiforgery_token()
    {
        using var client = await access.BrowserAsync();

        using var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["Input.Email"] = AccessFixture.Email(V), ["Input.Password"] = AccessFixture.Password,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
    }
}
