using System.Text;
using CxPlus.Data.Accounts;
using CxPlus.Data.Clients;
using CxPlus.Data.Model;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace CxPlus.Data;

/// <summary>
/// The CxPlus store, accounts included (Identity's tables live in the same migrations).
/// One context per operation (<see cref="IDbContextFactory{TContext}"/>), never per circuit.
/// </summary>
public class CxPlusDbContext(DbContextOptions<CxPlusDbContext> options) : IdentityDbContext<User>(options), IDataProtectionKeyContext
{
    public DbSet<Sector> Sectors => Set<Sector>();
    public DbSet<Brand> Brands => Set<Brand>();
    public DbSet<SectorFormerName> SectorFormerNames => Set<SectorFormerName>();
    public DbSet<BrandFormerName> BrandFormerNames => Set<BrandFormerName>();
    public DbSet<Wave> Waves => Set<Wave>();
    public DbSet<Import> Imports => Set<Import>();
    public DbSet<Response> Responses => Set<Response>();
    public DbSet<StoredComment> Comments => Set<StoredComment>();
    public DbSet<RoleRollup> RoleRollups => Set<RoleRollup>();
    public DbSet<SegmentRollup> SegmentRollups => Set<SegmentRollup>();
    public DbSet<DriverGroupSums> DriverGroups => Set<DriverGroupSums>();
    public DbSet<FrozenDrivers> FrozenDrivers => Set<FrozenDrivers>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationBrand> OrganisationBrands => Set<OrganisationBrand>();
    public DbSet<PublishedTable> PublishedTables => Set<PublishedTable>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<StoreState> StoreState => Set<StoreState>();
    public DbSet<StoreKey> StoreKeys => Set<StoreKey>();
    public DbSet<Comments.StoredFrame> CodingFrames => Set<Comments.StoredFrame>();
    public DbSet<Releases.WaveRelease> WaveReleases => Set<Releases.WaveRelease>();
    public DbSet<Releases.Subscription> Subscriptions => Set<Releases.Subscription>();
    public DbSet<Releases.OutboxMessage> Outbox => Set<Releases.OutboxMessage>();
    /// <summary>ASP.NET Core's data-protection keys (sign-in cookies, antiforgery), shared by every instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Indexes are declared where a query needs them: every extra index on responses is paid on
    // each COPY of millions of rows, so none is added behind our back for foreign keys.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Conventions.Remove<ForeignKeyIndexConvention>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // A GIN index over a plain column and the words (comments' search) needs btree_gin's operator classes.
        modelBuilder.HasPostgresExtension("btree_gin");
        modelBuilder.Entity<User>().ToTable("users");
        // The roles are data the code relies on: seeded by the migration, with fixed ids and stamps.
        modelBuilder.Entity<IdentityRole>().ToTable("roles").HasData(AccountRoles.All.Select(r =>
            new IdentityRole(r) { Id = r.ToLowerInvariant(), NormalizedName = r.ToUpperInvariant(), ConcurrencyStamp = r.ToLowerInvariant() }));
        modelBuilder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CxPlusDbContext).Assembly);

        // snake_case names, so hand-written SQL (COPY, aggregates) reads naturally.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
            foreach (var key in entity.GetKeys())
                key.SetName(SnakeCase(key.GetName()!));
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName(SnakeCase(fk.GetConstraintName()!));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && !char.IsUpper(name[i - 1])) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
