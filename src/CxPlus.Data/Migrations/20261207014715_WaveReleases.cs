using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class WaveReleases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "wave_releases",
                columns: table => new
                {
                    sector_id = table.Column<int>(type: "integer", nullable: false),
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    released_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_wave_releases", x => new { x.sector_id, x.wave_id });
                    table.ForeignKey(
                        name: "fk_wave_releases_sectors_sector_id",
                        column: x => x.sector_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_wave_releases_waves_wave_id",
                        column: x => x.wave_id,
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_wave_releases_wave_id",
                table: "wave_releases",
                column: "wave_id");

            // Issue 30: every wave a sector has data in today was already seen by members, so it starts
            // released; a wave imported from now on is a draft until a data manager releases it.
            // A draft does not exist for the client role: row-level security on every table it reads
            // now also asks for the (sector, wave) release, and the waves it may see are released ones.
            migrationBuilder.Sql("""
                INSERT INTO wave_releases (sector_id, wave_id, released_at, released_by)
                SELECT DISTINCT b.sector_id, x.wave_id, now(), 'released before wave releases existed'
                FROM role_rollups x JOIN brands b ON b.id = x.brand_id;

                GRANT SELECT ON wave_releases TO cxplus_client;
                ALTER TABLE wave_releases ENABLE ROW LEVEL SECURITY;
                CREATE POLICY agency ON wave_releases USING (current_user <> 'cxplus_client');
                CREATE POLICY client ON wave_releases FOR SELECT TO cxplus_client
                  USING (sector_id IN (SELECT sector_id FROM brands));

                ALTER TABLE waves ENABLE ROW LEVEL SECURITY;
                CREATE POLICY agency ON waves USING (current_user <> 'cxplus_client');
                CREATE POLICY client ON waves FOR SELECT TO cxplus_client
                  USING (id IN (SELECT wave_id FROM wave_releases));

                ALTER POLICY client ON role_rollups USING (brand_id IN (SELECT brand_id FROM organisation_brands)
                  AND wave_id IN (SELECT r.wave_id FROM wave_releases r JOIN brands b ON b.sector_id = r.sector_id WHERE b.id = role_rollups.brand_id));
                ALTER POLICY client ON segment_rollups USING (brand_id IN (SELECT brand_id FROM organisation_brands)
                  AND wave_id IN (SELECT r.wave_id FROM wave_releases r JOIN brands b ON b.sector_id = r.sector_id WHERE b.id = segment_rollups.brand_id));
                ALTER POLICY client ON driver_groups USING (brand_id IN (SELECT brand_id FROM organisation_brands)
                  AND wave_id IN (SELECT r.wave_id FROM wave_releases r JOIN brands b ON b.sector_id = r.sector_id WHERE b.id = driver_groups.brand_id));
                ALTER POLICY client ON frozen_drivers USING (brand_id IN (SELECT brand_id FROM organisation_brands)
                  AND (sector_id, wave_id) IN (SELECT sector_id, wave_id FROM wave_releases));
                ALTER POLICY client ON published_tables USING (sector_id IN (SELECT sector_id FROM brands)
                  AND (sector_id, wave_id) IN (SELECT sector_id, wave_id FROM wave_releases));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER POLICY client ON role_rollups USING (brand_id IN (SELECT brand_id FROM organisation_brands));
                ALTER POLICY client ON segment_rollups USING (brand_id IN (SELECT brand_id FROM organisation_brands));
                ALTER POLICY client ON driver_groups USING (brand_id IN (SELECT brand_id FROM organisation_brands));
                ALTER POLICY client ON frozen_drivers USING (brand_id IN (SELECT brand_id FROM organisation_brands));
                ALTER POLICY client ON published_tables USING (sector_id IN (SELECT sector_id FROM brands));
                DROP POLICY agency ON waves; DROP POLICY client ON waves; ALTER TABLE waves DISABLE ROW LEVEL SECURITY;
                """);
            migrationBuilder.DropTable(
                name: "wave_releases");
        }
    }
}
