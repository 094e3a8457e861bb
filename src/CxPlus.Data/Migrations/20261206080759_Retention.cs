using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retained_at",
                table: "waves",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retained_at",
                table: "imports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "frozen_drivers",
                columns: table => new
                {
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    sector_id = table.Column<int>(type: "integer", nullable: false),
                    brand_id = table.Column<int>(type: "integer", nullable: false),
                    lens = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    result = table.Column<string>(type: "json", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_frozen_drivers", x => new { x.wave_id, x.sector_id, x.brand_id, x.lens });
                    table.ForeignKey(
                        name: "fk_frozen_drivers_waves_wave_id",
                        column: x => x.wave_id,
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "frozen_drivers");

            migrationBuilder.DropColumn(
                name: "retained_at",
                table: "waves");

            migrationBuilder.DropColumn(
                name: "retained_at",
                table: "imports");
        }
    }
}
