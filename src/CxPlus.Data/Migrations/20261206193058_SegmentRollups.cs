using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class SegmentRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "segment_rollups",
                columns: table => new
                {
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    segment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    brand_id = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<short>(type: "smallint", nullable: false),
                    respondents = table.Column<long>(type: "bigint", nullable: false),
                    sums = table.Column<double[]>(type: "double precision[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_segment_rollups", x => new { x.wave_id, x.segment, x.category, x.brand_id, x.role });
                    table.ForeignKey(
                        name: "fk_segment_rollups_brands_brand_id",
                        column: x => x.brand_id,
                        principalTable: "brands",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_segment_rollups_waves_wave_id",
                        column: x => x.wave_id,
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_segment_rollups_brand_id_wave_id",
                table: "segment_rollups",
                columns: new[] { "brand_id", "wave_id" });

            // As role_rollups (ClientScope): a client reads its own brands' segment rollups only.
            migrationBuilder.Sql("""
                GRANT SELECT ON segment_rollups TO cxplus_client;
                ALTER TABLE segment_rollups ENABLE ROW LEVEL SECURITY;
                CREATE POLICY agency ON segment_rollups USING (current_user <> 'cxplus_client');
                CREATE POLICY client ON segment_rollups FOR SELECT TO cxplus_client
                  USING (brand_id IN (SELECT brand_id FROM organisation_brands));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "segment_rollups");
        }
    }
}
