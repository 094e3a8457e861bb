using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClientScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "published_tables",
                columns: table => new
                {
                    sector_id = table.Column<int>(type: "integer", nullable: false),
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    generation = table.Column<long>(type: "bigint", nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_tables", x => new { x.sector_id, x.wave_id });
                    table.ForeignKey(
                        name: "fk_published_tables_sectors_sector_id",
                        column: x => x.sector_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_published_tables_waves_wave_id",
                        column: x => x.wave_id,
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
            // Row-level security for a client's requests (issue 27): they run as cxplus_client, a role
            // without login that the app's role is a member of (SET LOCAL ROLE in each transaction), with
            // the organisation in the transaction's setting cxplus.organisation. It may read its own
            // brands' rows, the published tables of their sectors, and the waves; no respondent, import,
            // account or audit row at all. Every other role keeps reading everything ("agency"): the
            // owner bypasses row-level security anyway, and an app role that is not the owner must not
            // lose its data to these policies. A cluster-wide role: created once, by whichever database
            // migrates first (it needs CREATEROLE there; docs/operations.md).
            migrationBuilder.Sql("""
                DO $$ BEGIN
                  CREATE ROLE cxplus_client NOLOGIN;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$;
                DO $$ BEGIN
                  EXECUTE format('GRANT cxplus_client TO %I', current_user);
                EXCEPTION WHEN OTHERS THEN NULL; -- already a member, or a superuser who needs no membership
                END $$;
                GRANT USAGE ON SCHEMA public TO cxplus_client;
                GRANT SELECT ON sectors, brands, waves, store_state, organisation_brands, published_tables,
                                role_rollups, driver_groups, frozen_drivers TO cxplus_client;

                CREATE FUNCTION cxplus_client_organisation() RETURNS integer LANGUAGE sql STABLE
                  AS $f$ SELECT nullif(current_setting('cxplus.organisation', true), '')::integer $f$;

                ALTER TABLE organisation_brands ENABLE ROW LEVEL SECURITY;
                CREATE POLICY agency ON organisation_brands USING (current_user <> 'cxplus_client');
                CREATE POLICY client ON organisation_brands FOR SELECT TO cxplus_client
                  USING (organisation_id = cxplus_client_organisation());

                ALTER TABLE brands ENABLE ROW LEVEL SECURITY;
                CREATE POLICY agency ON brands USING (current_user <> 'cxplus_client');
                CREATE POLICY client ON brands FOR SELECT TO cxplus_client
                  USING (id IN (SELECT brand_id FROM organisation_brands));

                ALTER TABLE sectors ENABLE ROW LEVEL SECURITY;
                CREATE POLICY agency ON sectors USING (current_user <> 'cxplus_client');
                CREATE POLICY client ON sectors FOR SELECT TO cxplus_client
                  USING (id IN (SELECT sector_id FROM brands));

                ALTER TABLE published_tables ENABLE ROW LEVEL SECURITY;
                CREATE POLICY agency ON published_tables USING (current_user <> 'cxplus_client');
                CREATE POLICY client ON published_tables FOR SELECT TO cxplus_client
                  USING (sector_id IN (SELECT sector_id FROM brands));

                ALTER TABLE role_rollups ENABLE ROW LEVEL SECURITY;
                CREATE POLICY agency ON role_rollups USING (current_user <> 'cxplus_client');
                CREATE POLICY client ON role_rollups FOR SELECT TO cxplus_client
                  USING (brand_id IN (SELECT brand_id FROM organisation_brands));

                ALTER TABLE driver_groups ENABLE ROW LEVEL SECURITY;
                CREATE POLICY agency ON driver_groups USING (current_user <> 'cxplus_client');
                CREATE POLICY client ON driver_groups FOR SELECT TO cxplus_client
                  USING (brand_id IN (SELECT brand_id FROM organisation_brands));

                ALTER TABLE frozen_drivers ENABLE ROW LEVEL SECURITY;
                CREATE POLICY agency ON frozen_drivers USING (current_user <> 'cxplus_client');
                CREATE POLICY client ON frozen_drivers FOR SELECT TO cxplus_client
                  USING (brand_id IN (SELECT brand_id FROM organisation_brands));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP POLICY agency ON organisation_brands; DROP POLICY client ON organisation_brands; ALTER TABLE organisation_brands DISABLE ROW LEVEL SECURITY;
                DROP POLICY agency ON brands; DROP POLICY client ON brands; ALTER TABLE brands DISABLE ROW LEVEL SECURITY;
                DROP POLICY agency ON sectors; DROP POLICY client ON sectors; ALTER TABLE sectors DISABLE ROW LEVEL SECURITY;
                DROP POLICY agency ON role_rollups; DROP POLICY client ON role_rollups; ALTER TABLE role_rollups DISABLE ROW LEVEL SECURITY;
                DROP POLICY agency ON driver_groups; DROP POLICY client ON driver_groups; ALTER TABLE driver_groups DISABLE ROW LEVEL SECURITY;
                DROP POLICY agency ON frozen_drivers; DROP POLICY client ON frozen_drivers; ALTER TABLE frozen_drivers DISABLE ROW LEVEL SECURITY;
                DROP FUNCTION cxplus_client_organisation();
                REVOKE SELECT ON sectors, brands, waves, store_state, organisation_brands,
                                 role_rollups, driver_groups, frozen_drivers FROM cxplus_client;
                """);
            migrationBuilder.DropTable(
                name: "published_tables");
        }
    }
}
