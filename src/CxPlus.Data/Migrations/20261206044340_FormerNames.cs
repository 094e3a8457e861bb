using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class FormerNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "brand_former_names",
                columns: table => new
                {
                    sector_id = table.Column<int>(type: "integer", nullable: false),
                    name_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false, collation: "C"),
                    brand_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_brand_former_names", x => new { x.sector_id, x.name_key });
                    table.ForeignKey(
                        name: "fk_brand_former_names_brands_brand_id",
                        column: x => x.brand_id,
                        principalTable: "brands",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_brand_former_names_sectors_sector_id",
                        column: x => x.sector_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sector_former_names",
                columns: table => new
                {
                    name_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false, collation: "C"),
                    sector_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sector_former_names", x => x.name_key);
                    table.ForeignKey(
                        name: "fk_sector_former_names_sectors_sector_id",
                        column: x => x.sector_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_brand_former_names_brand_id",
                table: "brand_former_names",
                column: "brand_id");

            migrationBuilder.CreateIndex(
                name: "ix_sector_former_names_sector_id",
                table: "sector_former_names",
                column: "sector_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "brand_former_names");

            migrationBuilder.DropTable(
                name: "sector_former_names");
        }
    }
}
