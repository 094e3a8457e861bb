using CxPlus.Data.Tests;

namespace CxPlus.Cli.Tests;

/// <summary>`cxplus users` on a real PostgreSQL, through the built binary, in its own database.</summary>
public sealed class UsersCommandTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private Task<(int Exit, string Out, string Err)> Run(string? input, params string[] args) =>
        CxplusProcess.Run(db.ConnectionString, new Dictionary<string, string> { ["CXPLUS_ADMIN_PASSWORD"] = "", ["CXPLUS_PASSWORD"] = "" }, input, args);

    [Fact]
    public async Task First_run_prints_a_generated_admin_password_once_then_leaves_the_admin_alone()
    {
        var first = await Run(null, "users", "ensure-admin", "--email", "root@example.com");
        var second = await Run(null, "users", "ensure-admin", "--email", "root@example.com");

        first.Exit.Should().Be(0, first.Err);
        first.Out.Should().MatchRegex("Created administrator root@example.com. Password, shown only now: [A-Za-z0-9]{20}");
        second.Out.Trim().Should().Be("An administrator exists already; nothing was changed.");
    }

    [Fact]
    public async Task Add_reads_the_password_from_standard_input_and_list_shows_the_roles()
    {
        var add = await Run("a long enough password", "users", "add", "ana@example.com", "--role", "consultant", "--role", "DataManager");
        var list = await Run(null, "users", "list");

        add.Exit.Should().Be(0, add.Err);
        add.Out.Trim().Should().Be("Created ana@example.com (Consultant, DataManager).");
        list.Out.Should().MatchRegex(@"ana@example.com\s+Consultant,DataManager\s+last sign-in never");
    }

    [Theory]
    [InlineData("short", new[] { "users", "add", "bo@example.com", "--role", "Viewer" }, "bo@example.com was not created: Passwords must be at least 12 characters.")]
    [InlineData("a long enough password", new[] { "users", "add", "bo@example.com", "--role", "Boss" }, "There is no role \"Boss\"; the roles are Viewer, Consultant, DataManager, Admin, Client.")]
    [InlineData(null, new[] { "users", "disable", "nobody@example.com" }, "There is no user nobody@example.com.")]
    [InlineData(null, new[] { "users", "revoke-token", "nobody@example.com", "7" }, "There is no user nobody@example.com.")]
    public async Task Refusals_are_one_sentence_and_exit_2(string? input, string[] args, string message)
    {
        var (exit, _, err) = await Run(input, args);

        exit.Should().Be(2);
        err.Trim().Should().Be(message);
    }

    [Fact]
    public async Task A_token_is_printed_once_and_only_its_prefix_is_listed()
    {
        (await Run("a long enough password", "users", "add", "cy@example.com", "--role", "Viewer")).Exit.Should().Be(0);

        var token = await Run(null, "users", "token", "cy@example.com", "--name", "Power BI");
        var list = await Run(null, "users", "list-tokens", "cy@example.com");

        token.Exit.Should().Be(0, token.Err);
        var secret = token.Out.Trim();
        secret.Should().StartWith("cxp_").And.HaveLength(47);
        list.Out.Should().Contain(secret[..10] + "…").And.Contain("Power BI").And.NotContain(secret);
    }
}
