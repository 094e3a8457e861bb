using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class SegmentsAsJson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue 28: json, not jsonb (docs/performance.md): the import no longer pays PostgreSQL's parse
            // of every row's segments into jsonb; ->> and json_each_text read it where raw rows are read.
            migrationBuilder.Sql("""
                ALTER TABLE responses ALTER COLUMN segments TYPE json USING segments::json;
                ALTER TABLE comments ALTER COLUMN segments TYPE json USING segments::json;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE responses ALTER COLUMN segments TYPE jsonb USING segments::jsonb;
                ALTER TABLE comments ALTER COLUMN segments TYPE jsonb USING segments::jsonb;
                """);
        }
    }
}
