using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublishedSegmentTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_published_tables",
                table: "published_tables");

            migrationBuilder.AddColumn<string>(
                name: "segment_key",
                table: "published_tables",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "category_key",
                table: "published_tables",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "pk_published_tables",
                table: "published_tables",
                columns: new[] { "sector_id", "wave_id", "segment_key", "category_key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Segment views' tables have no place in the older key; they are published again on demand.
            migrationBuilder.Sql("DELETE FROM published_tables WHERE segment_key <> '' OR category_key <> ''");

            migrationBuilder.DropPrimaryKey(
                name: "pk_published_tables",
                table: "published_tables");

            migrationBuilder.DropColumn(
                name: "segment_key",
                table: "published_tables");

            migrationBuilder.DropColumn(
                name: "category_key",
                table: "published_tables");

            migrationBuilder.AddPrimaryKey(
                name: "pk_published_tables",
                table: "published_tables",
                columns: new[] { "sector_id", "wave_id" });
        }
    }
}
