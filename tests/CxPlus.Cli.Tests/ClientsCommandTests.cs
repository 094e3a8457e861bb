using CxPlus.Data.Tests;
using CxPlus.Scoring.Tests;

namespace CxPlus.Cli.Tests;

/// <summary>`cxplus clients` and a client user, through the built binary, on a real PostgreSQL in its own database.</summary>
public sealed class ClientsCommandTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private Task<(int Exit, string Out, string Err)> Run(string? input, params string[] args) =>
        CxplusProcess.Run(db.ConnectionString, new Dictionary<string, string> { ["CXPLUS_PASSWORD"] = "" }, input, args);

    [Fact]
    public async Task An_organisation_is_added_given_a_brand_and_a_client_user_then_listed_and_a_brand_taken_away()
    {
        (await Run(null, "import", Samples.Path("worked-example.csv"))).Exit.Should().Be(0);

        var add = await Run(null, "clients", "add", "Bank A Group");
        var grant = await Run(null, "clients", "grant", "bank a group", "--sector", "retail banking", "--brand", "BANK A");
        var again = await Run(null, "clients", "grant", "Bank A Group", "--sector", "Retail Banking", "--brand", "Bank A");
        var user = await Run("a long enough password", "users", "add", "eva@bank-a.example.com", "--role", "Client", "--client", "Bank A Group");
        var list = await Run(null, "clients", "list");
        var users = await Run(null, "users", "list");

        add.Out.Should().StartWith("Created Bank A Group.");
        grant.Out.Trim().Should().Be("Bank A Group now holds Bank A in Retail Banking.");
        again.Out.Trim().Should().Be("Bank A Group held Bank A in Retail Banking already; nothing was changed.");
        user.Out.Trim().Should().Be("Created eva@bank-a.example.com (Client of Bank A Group).");
        list.Out.Should().Be(string.Join(Environment.NewLine, "Bank A Group", "  brands: Bank A (Retail Banking)", "  people: eva@bank-a.example.com", ""));
        users.Out.Should().MatchRegex(@"eva@bank-a.example.com\s+Client \(Bank A Group\)\s+last sign-in never");

        var revoke = await Run(null, "clients", "revoke-grant", "Bank A Group", "--sector", "Retail Banking", "--brand", "Bank A");
        revoke.Out.Trim().Should().Be("Bank A Group no longer holds Bank A in Retail Banking.");
        (await Run(null, "clients", "list")).Out.Should().Contain("brands: none yet");
    }

    [Theory]
    [InlineData(new[] { "clients", "grant", "Nobody Inc", "--sector", "Retail Banking", "--brand", "Bank A" }, 2, "There is no organisation \"Nobody Inc\"")]
    [InlineData(new[] { "users", "add", "bo@example.com", "--role", "Client" }, 2, "bo@example.com: a user with the role Client belongs to an organisation; name it (--client NAME, see: cxplus clients list).")]
    [InlineData(new[] { "users", "add", "bo@example.com", "--role", "Client", "--role", "Viewer", "--client", "X" }, 2, "the role Client is given alone")]
    public async Task Refusals_are_one_sentence_and_an_exit_code(string[] args, int code, string message)
    {
        var (exit, _, err) = await Run("a long enough password", args);

        exit.Should().Be(code);
        err.Should().Contain(message);
    }
}
