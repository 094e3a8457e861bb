using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class CommentsTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gin", ",,");

            migrationBuilder.AddColumn<bool>(
                name: "comments_pending",
                table: "imports",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "comments",
                columns: table => new
                {
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    brand_id = table.Column<int>(type: "integer", nullable: false),
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<short>(type: "smallint", nullable: false),
                    nps = table.Column<short>(type: "smallint", nullable: true),
                    weight = table.Column<double>(type: "double precision", nullable: false),
                    rated = table.Column<short>(type: "smallint", nullable: false),
                    segments = table.Column<string>(type: "jsonb", nullable: true),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    search = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: true)
                },
                constraints: table =>
                {
                    table.CheckConstraint("ck_comments_language", "language IN ('nl', 'en')");
                });

            // Issue 29: comments move out of responses into their own narrow table (docs/performance.md),
            // in the order they were imported, each made searchable at once (later imports fill their
            // vectors just after their commit; CommentSearch).
            migrationBuilder.Sql("""
                INSERT INTO comments (wave_id, brand_id, import_id, line, role, nps, weight, rated, segments, language, text, search)
                SELECT wave_id, brand_id, import_id, line, role, nps, weight,
                       num_nonnulls(clear_brand_promise, empowered_employees, empowered_customers, lasting_memories, exceptional_delivery),
                       segments, comment_language, comment,
                       CASE comment_language WHEN 'nl' THEN to_tsvector('dutch', comment) ELSE to_tsvector('english', comment) END
                FROM responses WHERE comment IS NOT NULL
                ORDER BY import_id, line;
                DROP INDEX IF EXISTS ix_responses_comment_search;
                """);

            migrationBuilder.DropColumn(
                name: "comment",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "comment_language",
                table: "responses");

            migrationBuilder.CreateIndex(
                name: "ix_comments_search",
                table: "comments",
                columns: new[] { "wave_id", "search" },
                filter: "search IS NOT NULL")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_comments_wave_brand_import",
                table: "comments",
                columns: new[] { "wave_id", "brand_id", "import_id" })
                .Annotation("Npgsql:IndexMethod", "brin")
                .Annotation("Npgsql:StorageParameter:autosummarize", true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "comments_pending",
                table: "imports");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:btree_gin", ",,");

            migrationBuilder.AddColumn<string>(
                name: "comment",
                table: "responses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "comment_language",
                table: "responses",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.Sql("""
                UPDATE responses r SET comment = c.text, comment_language = c.language
                FROM comments c WHERE c.import_id = r.import_id AND c.line = r.line AND c.wave_id = r.wave_id AND c.brand_id = r.brand_id;
                CREATE INDEX ix_responses_comment_search ON responses USING gin
                  ((CASE comment_language WHEN 'nl' THEN to_tsvector('dutch', comment) ELSE to_tsvector('english', comment) END))
                  WHERE comment IS NOT NULL;
                """);

            migrationBuilder.DropTable(
                name: "comments");
        }
    }
}
