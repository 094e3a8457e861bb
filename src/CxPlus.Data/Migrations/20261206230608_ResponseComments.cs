using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResponseComments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            // Issue 29: PostgreSQL's full-text search over the comments, each read with its own language's
            // dictionary; only rows with a comment are indexed. Queries use this exact expression (CommentSearch.Vector).
            migrationBuilder.Sql("""
                CREATE INDEX ix_responses_comment_search ON responses USING gin
                  ((CASE comment_language WHEN 'nl' THEN to_tsvector('dutch', comment) ELSE to_tsvector('english', comment) END))
                  WHERE comment IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_responses_comment_search");

            migrationBuilder.DropColumn(
                name: "comment",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "comment_language",
                table: "responses");
        }
    }
}
