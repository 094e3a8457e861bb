using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResponsesBrinNoKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_responses",
                table: "responses");

            migrationBuilder.CreateIndex(
                name: "ix_responses_wave_brand_import",
                table: "responses",
                columns: new[] { "wave_id", "brand_id", "import_id" })
                .Annotation("Npgsql:IndexMethod", "brin")
                .Annotation("Npgsql:StorageParameter:autosummarize", true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_responses_wave_brand_import",
                table: "responses");

            migrationBuilder.AddPrimaryKey(
                name: "pk_responses",
                table: "responses",
                columns: new[] { "wave_id", "brand_id", "respondent_id" });
        }
    }
}
