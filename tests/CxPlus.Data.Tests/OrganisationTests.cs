using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using CxPlus.Data.Curation;
using CxPlus.Data.Importing;
using CxPlus.Data.League;
using CxPlus.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace CxPlus.Data.Tests;

/// <summary>
/// Organisations (the benchmark's members), the brands they hold and their people, on a real
/// PostgreSQL through the service the Users page and <c>cxplus clients</c> share.
/// </summary>
public sealed class OrganisationTests : IAsyncLifetime, IDisposable
{
    private static readonly ScoringSettings Settings = new(minCustomers: 2, minProspects: 1);
    private const string Password = "correct horse battery";
    private readonly PostgresDatabase _db = new();
    private readonly Files _files = new();
    private ServiceProvider _services = null!;
    private Organisations Organisations => _services.GetRequiredService<Organisations>();
    private UserAccounts Accounts => _services.GetRequiredService<UserAccounts>();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddCxPlusStore(_db.ConnectionString, Settings);
        services.AddCxPlusAccounts();
        _services = services.BuildServiceProvider();
        var result = await new ResponseImporter(_db.DataSource, Settings, TimeProvider.System).ImportAsync(_files.Lines([
            .. Rows("W1", "Banks", "Volksspaar", "V"), .. Rows("W1", "Banks", "Volkspaar", "M"), .. Rows("W1", "Banks", "Meridian", "D"),
            .. Rows("W1", "Insurers", "Volksspaar Verzekeren", "I")]), new ImportOptions("f.csv", "test"));
        result.Succeeded.Should().BeTrue(string.Join("\n", result.Problems));
        await _db.ReleaseAllAsync(); // members see released waves only (issue 30)
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();

    private static IEnumerable<string> Rows(string wave, string sector, string brand, string prefix) =>
        Enumerable.Range(1, 6).Select(i => $"{wave},{sector},{brand},{prefix}{i},{(i % 3 == 0 ? "prospect" : "customer")},7,7,6,7,7,,,,");

    private async Task<long> AccountsGenerationAsync()
    {
        await using var command = _db.DataSource.CreateCommand("SELECT accounts_generation FROM store_state");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_migration_seeds_the_client_role_beside_the_agency_roles()
    {
        await using var command = _db.DataSource.CreateCommand("SELECT string_agg(name, ',' ORDER BY name) FROM roles");
        (await command.ExecuteScalarAsync()).Should().Be("Admin,Client,Consultant,DataManager,Viewer");
    }

    [Fact]
    public async Task An_organisation_holds_brands_across_sectors_and_lists_them_with_its_people()
    {
        (await Organisations.AddAsync("  Volksspaar NV ", "ada@agency.nl")).Should().Be("Volksspaar NV");
        (await Organisations.GrantAsync("volksspaar nv", "banks", "VOLKSSPAAR", "ada@agency.nl")).Should()
            .Be(new GrantChange("Volksspaar NV", new HeldBrand("Banks", "Volksspaar"), Changed: true));
        await Organisations.GrantAsync("Volksspaar NV", "Insurers", "Volksspaar Verzekeren");
        await Accounts.CreateAsync("eva@volksspaar.nl", Password, ["client"], client: "VOLKSSPAAR NV");

        var listed = (await Organisations.ListAsync()).Should().ContainSingle().Which;

        listed.Name.Should().Be("Volksspaar NV");
        listed.Brands.Should().Equal(new HeldBrand("Banks", "Volksspaar"), new HeldBrand("Insurers", "Volksspaar Verzekeren"));
        listed.Users.Should().Equal("eva@volksspaar.nl");
        (await Accounts.FindAsync("eva@volksspaar.nl"))!.Should().Match<UserSummary>(u => u.Client == "Volksspaar NV" && u.Roles.SequenceEqual(new[] { "Client" }));
        (await new AuditLog(_db.DataSource, TimeProvider.System).ListAsync(action: "client-grant")).Select(e => (e.Actor, e.Target, e.Outcome))
            .Should().Contain(("ada@agency.nl", "Volksspaar NV", "now holds Volksspaar in Banks"));
    }

    [Fact]
    public async Task Granting_twice_changes_nothing_and_revoking_what_is_not_held_is_refused()
    {
        await Organisations.AddAsync("Volksspaar NV");
        await Organisations.GrantAsync("Volksspaar NV", "Banks", "Volksspaar");

        (await Organisations.GrantAsync("Volksspaar NV", "Banks", "Volksspaar")).Changed.Should().BeFalse();
        var revoke = () => Organisations.RevokeGrantAsync("Volksspaar NV", "Banks", "Meridian");

        (await revoke.Should().ThrowAsync<ClientException>()).Which.Message.Should().Be("Volksspaar NV does not hold Meridian in Banks; nothing was changed.");
        (await Organisations.ListAsync()).Single().Brands.Should().Equal(new HeldBrand("Banks", "Volksspaar"));
    }

    [Fact]
    public async Task A_grant_or_revoke_ends_remembered_access_on_every_instance_by_bumping_the_accounts_generation()
    {
        await Organisations.AddAsync("Volksspaar NV");
        var before = await AccountsGenerationAsync();

        await Organisations.GrantAsync("Volksspaar NV", "Banks", "Volksspaar");
        var granted = await AccountsGenerationAsync();
        await Organisations.RevokeGrantAsync("Volksspaar NV", "Banks", "Volksspaar");

        granted.Should().BeGreaterThan(before);
        (await AccountsGenerationAsync()).Should().BeGreaterThan(granted);
        (await Organisations.ListAsync()).Single().Brands.Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_names_are_refused_in_words_that_say_what_there_is()
    {
        var none = () => Organisations.GrantAsync("Nobody", "Banks", "Volksspaar");
        (await none.Should().ThrowAsync<ClientException>()).Which.Message.Should()
            .Be("There is no organisation \"Nobody\"; there are none yet (cxplus clients add NAME creates one).");
        await Organisations.AddAsync("Volksspaar NV");
        await Organisations.AddAsync("Meridian Group");

        var organisation = () => Organisations.GrantAsync("Nobody", "Banks", "Volksspaar");
        var sector = () => Organisations.GrantAsync("Volksspaar NV", "Telecom", "Volksspaar");
        var brand = () => Organisations.GrantAsync("Volksspaar NV", "Banks", "Volksbank");
        var duplicate = () => Organisations.AddAsync("volksspaar nv");
        var control = () => Organisations.AddAsync("Bad\u0007Name");

        (await organisation.Should().ThrowAsync<ClientException>()).Which.Message.Should().Be("There is no organisation \"Nobody\". Organisations: Meridian Group, Volksspaar NV.");
        (await sector.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("There is no sector \"Telecom\".");
        (await brand.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().Be("Banks has no brand \"Volksbank\".");
        (await duplicate.Should().ThrowAsync<ClientException>()).Which.Message.Should().Be("There is already an organisation \"volksspaar nv\".");
        (await control.Should().ThrowAsync<ClientException>()).Which.Message.Should().Contain("U+0007");
        (await Organisations.ListAsync()).Select(o => o.Name).Should().Equal("Meridian Group", "Volksspaar NV");
    }

    [Fact]
    public async Task The_client_role_goes_alone_and_with_an_organisation_and_nothing_is_left_behind_when_refused()
    {
        await Organisations.AddAsync("Volksspaar NV");

        var mixed = () => Accounts.CreateAsync("a@volksspaar.nl", Password, ["Client", "Viewer"], client: "Volksspaar NV");
        var without = () => Accounts.CreateAsync("b@volksspaar.nl", Password, ["Client"]);
        var staff = () => Accounts.CreateAsync("c@agency.nl", Password, ["Viewer"], client: "Volksspaar NV");
        var unknown = () => Accounts.CreateAsync("d@volksspaar.nl", Password, ["Client"], client: "Volksbank");

        (await mixed.Should().ThrowAsync<AccountException>()).Which.Message.Should().Contain("the role Client is given alone");
        (await without.Should().ThrowAsync<AccountException>()).Which.Message.Should().Contain("belongs to an organisation; name it");
        (await staff.Should().ThrowAsync<AccountException>()).Which.Message.Should().Contain("only a user with the role Client belongs to an organisation");
        (await unknown.Should().ThrowAsync<AccountException>()).Which.Message.Should().Be("There is no organisation \"Volksbank\". Organisations: Volksspaar NV.");
        (await Accounts.ListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Changing_a_client_into_a_viewer_drops_the_organisation_and_removing_an_organisation_waits_for_its_people()
    {
        await Organisations.AddAsync("Volksspaar NV");
        await Organisations.GrantAsync("Volksspaar NV", "Banks", "Volksspaar");
        await Accounts.CreateAsync("eva@volksspaar.nl", Password, ["Client"], client: "Volksspaar NV");

        var remove = () => Organisations.RemoveAsync("Volksspaar NV");
        (await remove.Should().ThrowAsync<ClientException>()).Which.Message.Should()
            .Be("Volksspaar NV still has people (eva@volksspaar.nl); give them another role or organisation first. Nothing was changed.");

        (await Accounts.SetRolesAsync("eva@volksspaar.nl", ["Viewer"])).Client.Should().BeNull();
        await Organisations.RemoveAsync("Volksspaar NV");

        (await Organisations.ListAsync()).Should().BeEmpty();
        (await _db.CountAsync("organisation_brands")).Should().Be(0);
        (await Accounts.FindAsync("eva@volksspaar.nl"))!.Client.Should().BeNull();
    }

    [Fact]
    public async Task A_rename_keeps_the_grant_and_a_merge_carries_it_to_the_brand_joined()
    {
        await Organisations.AddAsync("Volksspaar NV");
        await Organisations.GrantAsync("Volksspaar NV", "Banks", "Volkspaar"); // the misspelt one, as imported
        var changes = new NameChanges(_db.DataSource, new AuditLog(_db.DataSource, TimeProvider.System));

        await changes.RenameBrandAsync("Banks", "Volkspaar", "Volkspaar Bank", "dana");
        (await Organisations.ListAsync()).Single().Brands.Should().Equal(new HeldBrand("Banks", "Volkspaar Bank"));

        await changes.MergeBrandAsync("Banks", "Volkspaar Bank", "Volksspaar", "dana");
        (await Organisations.ListAsync()).Single().Brands.Should().Equal(new HeldBrand("Banks", "Volksspaar"));
    }
}
