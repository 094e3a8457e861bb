using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class DriverGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<short>(
                name: "grp",
                table: "responses",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            // Rows stored before get a random group from their respondent id: the importer's hash
            // (FNV-1a) is not SQL's, but any fixed, well-mixed assignment serves. The groups' sums are
            // then built from these by CxPlusStore.MigrateAsync, which sees the rollup layout change.
            migrationBuilder.Sql("UPDATE responses SET grp = hashtext(respondent_id) & 63");

            migrationBuilder.CreateTable(
                name: "driver_groups",
                columns: table => new
                {
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    brand_id = table.Column<int>(type: "integer", nullable: false),
                    grp = table.Column<short>(type: "smallint", nullable: false),
                    sums = table.Column<double[]>(type: "double precision[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_driver_groups", x => new { x.wave_id, x.brand_id, x.grp });
                    table.ForeignKey(
                        name: "fk_driver_groups_brands_brand_id",
                        column: x => x.brand_id,
                        principalTable: "brands",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_driver_groups_waves_wave_id",
                        column: x => x.wave_id,
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_driver_groups_brand_id",
                table: "driver_groups",
                column: "brand_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "driver_groups");

            migrationBuilder.DropColumn(
                name: "grp",
                table: "responses");
        }
    }
}
