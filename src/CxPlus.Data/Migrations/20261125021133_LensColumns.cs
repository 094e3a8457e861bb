using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class LensColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<short>(
                name: "ease",
                table: "responses",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "effectiveness",
                table: "responses",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "emotion",
                table: "responses",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "empathy",
                table: "responses",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "expectations",
                table: "responses",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "integrity",
                table: "responses",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "personalisation",
                table: "responses",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "resolution",
                table: "responses",
                type: "smallint",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "time_and_effort",
                table: "responses",
                type: "smallint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ease",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "effectiveness",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "emotion",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "empathy",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "expectations",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "integrity",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "personalisation",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "resolution",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "time_and_effort",
                table: "responses");
        }
    }
}
