using CxPlus.Data.League;
using CxPlus.Scoring;
using Npgsql;

namespace CxPlus.Data.Clients;

/// <summary>A refused change to an organisation or its brands, in a sentence a user understands.</summary>
public sealed class ClientException(Sentence reason) : SentenceException(reason);

/// <summary>A brand by its current names.</summary>
public sealed record HeldBrand(string Sector, string Brand);

/// <summary>A grant or revoke as done: the stored names, and whether anything changed.</summary>
public sealed record GrantChange(string Organisation, HeldBrand Brand, bool Changed);

/// <summary>What an administrator sees of an organisation: its brands and its people.</summary>
public sealed record OrganisationSummary(string Name, DateTimeOffset CreatedAt, IReadOnlyList<HeldBrand> Brands, IReadOnlyList<string> Users);

/// <summary>
/// Organisations and the brands they hold, for the Users page and <c>cxplus clients</c> alike.
/// A grant or revoke changes what a client's people may see: it bumps the accounts generation in
/// its transaction, so every instance drops what it remembered of their scope at once
/// (<see cref="StoreGeneration"/>). Every change is in the audit trail.
/// </summary>
public sealed class Organisations(NpgsqlDataSource dataSource, TimeProvider clock, AuditLog audit, StoreChanges? changes = null)
{
    /// <summary>Every organisation in name order, with its brands (sector, then brand) and its people.</summary>
    public async Task<IReadOnlyList<OrganisationSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT o.name, o.created_at,
                   coalesce((SELECT array_agg(s.name ORDER BY s.name_key, b.name_key) FROM organisation_brands g
                             JOIN brands b ON b.id = g.brand_id JOIN sectors s ON s.id = b.sector_id WHERE g.organisation_id = o.id), '{}'),
                   coalesce((SELECT array_agg(b.name ORDER BY s.name_key, b.name_key) FROM organisation_brands g
                             JOIN brands b ON b.id = g.brand_id JOIN sectors s ON s.id = b.sector_id WHERE g.organisation_id = o.id), '{}'),
                   coalesce((SELECT array_agg(u.email ORDER BY u.email) FROM users u WHERE u.organisation_id = o.id), '{}')
            FROM organisations o ORDER BY o.name_key
            """);
        var result = new List<OrganisationSummary>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var sectors = r.GetFieldValue<string[]>(2);
            var brands = r.GetFieldValue<string[]>(3);
            result.Add(new OrganisationSummary(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1),
                [.. sectors.Zip(brands, (s, b) => new HeldBrand(s, b))], r.GetFieldValue<string[]>(4)));
        }
        return result;
    }

    /// <summary>Creates an organisation (no brands yet). Refused when the name is taken or not a name.</summary>
    public async Task<string> AddAsync(string name, string? by = null, CancellationToken ct = default)
    {
        var normal = Valid(name);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO organisations (name, name_key, created_at) VALUES ($1, $2, $3) ON CONFLICT (name_key) DO NOTHING");
        foreach (var value in new object[] { normal, Names.Key(normal), clock.GetUtcNow() }) command.Parameters.Add(new() { Value = value });
        if (await command.ExecuteNonQueryAsync(ct) == 0) throw new ClientException(new("Client.Exists", normal));
        await AuditAsync(by, "client-add", normal, "organisation created");
        return normal;
    }

    /// <summary>Removes an organisation and its grants; refused while people belong to it.</summary>
    public async Task RemoveAsync(string name, string? by = null, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (id, stored) = await FindAsync(connection, name, ct);
        var people = await StringsAsync(connection, "SELECT email FROM users WHERE organisation_id = $1 ORDER BY email", id, ct);
        if (people.Count > 0) throw new ClientException(new("Client.HasUsers", stored, people.ToList<object>()));
        await ExecuteAsync(connection, "DELETE FROM organisations WHERE id = $1", ct, id);
        await transaction.CommitAsync(ct);
        await AuditAsync(by, "client-remove", stored, "organisation and its brands removed");
    }

    /// <summary>Gives an organisation a brand (by its current names); nothing changes when it holds it already.</summary>
    public Task<GrantChange> GrantAsync(string name, string sector, string brand, string? by = null, CancellationToken ct = default) =>
        ChangeGrantAsync(name, sector, brand, grant: true, by, ct);

    /// <summary>Takes a brand away from an organisation; its people lose its detail at once, on every instance.</summary>
    public Task<GrantChange> RevokeGrantAsync(string name, string sector, string brand, string? by = null, CancellationToken ct = default) =>
        ChangeGrantAsync(name, sector, brand, grant: false, by, ct);

    private async Task<GrantChange> ChangeGrantAsync(string name, string sector, string brand, bool grant, string? by, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (organisationId, organisation) = await FindAsync(connection, name, ct);
        var (brandId, sectorName, brandName) = await BrandAsync(connection, sector, brand, ct);
        var changed = grant
            ? await ExecuteAsync(connection, """
                INSERT INTO organisation_brands (organisation_id, brand_id, granted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
                """, ct, organisationId, brandId, clock.GetUtcNow())
            : await ExecuteAsync(connection, "DELETE FROM organisation_brands WHERE organisation_id = $1 AND brand_id = $2", ct, organisationId, brandId);
        if (changed == 0)
        {
            if (grant) return new GrantChange(organisation, new HeldBrand(sectorName, brandName), Changed: false);
            throw new ClientException(new("Client.NotHeld", organisation, brandName, sectorName));
        }
        await using (var bump = new NpgsqlCommand(StoreGeneration.BumpAccountsSql, connection)) await bump.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        if (changes is not null) await changes.RefreshAsync(CancellationToken.None);
        await AuditAsync(by, grant ? "client-grant" : "client-revoke-grant", organisation,
            $"{(grant ? "now holds" : "no longer holds")} {brandName} in {sectorName}");
        return new GrantChange(organisation, new HeldBrand(sectorName, brandName), Changed: true);
    }

    /// <summary>The organisation's id and stored name; refused with the list of organisations when there is none of that name.</summary>
    internal static async Task<(int Id, string Name)> FindAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        if (Names.Problem(name) is null)
        {
            await using var find = new NpgsqlCommand("SELECT id, name FROM organisations WHERE name_key = $1", connection);
            find.Parameters.Add(new() { Value = Names.Key(name) });
            await using var r = await find.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct)) return (r.GetInt32(0), r.GetString(1));
        }
        var all = await StringsAsync(connection, "SELECT name FROM organisations ORDER BY name_key", null, ct);
        throw new ClientException(all.Count == 0
            ? new Sentence("Client.NoneYet", Names.Printable(name))
            : new Sentence("Client.NotFound", Names.Printable(name), all.ToList<object>()));
    }

    private static async Task<(int Id, string Sector, string Brand)> BrandAsync(NpgsqlConnection connection, string sector, string brand, CancellationToken ct)
    {
        await using var find = new NpgsqlCommand("""
            SELECT s.id, s.name, b.id, b.name FROM sectors s LEFT JOIN brands b ON b.sector_id = s.id AND b.name_key = $2 WHERE s.name_key = $1
            """, connection);
        find.Parameters.Add(new() { Value = LeagueQueries.KeyOf(sector, "sector") });
        find.Parameters.Add(new() { Value = LeagueQueries.KeyOf(brand, "brand") });
        await using var r = await find.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new NotFoundException(new("NotFound.Sector", Names.Printable(sector)));
        if (r.IsDBNull(2)) throw new NotFoundException(new("NotFound.BrandOfSector", r.GetString(1), Names.Printable(brand)));
        return (r.GetInt32(2), r.GetString(1), r.GetString(3));
    }

    private static string Valid(string name)
    {
        var normal = Names.Normalize(name ?? "");
        if (normal.Length == 0) throw new ClientException(new("Client.NeedsName"));
        if (normal.Length > Limits.NameLength) throw new ClientException(new("Client.TooLong", Limits.NameLength));
        if (Names.ForbiddenRune(normal) is { } rune) throw new ClientException(new("Names.Invisible", rune.Value));
        return normal;
    }

    private static async Task<List<string>> StringsAsync(NpgsqlConnection connection, string sql, int? id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is { } value) command.Parameters.Add(new() { Value = value });
        var result = new List<string>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) result.Add(r.GetString(0));
        return result;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return await command.ExecuteNonQueryAsync(ct);
    }

    private Task AuditAsync(string? by, string action, string organisation, string outcome) =>
        audit.RecordAsync(by ?? $"cli:{Environment.UserName}", action, organisation, outcome, ct: CancellationToken.None);
}
