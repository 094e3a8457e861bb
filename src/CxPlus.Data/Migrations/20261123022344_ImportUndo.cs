using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportUndo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_imports_sha256",
                table: "imports");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "undone_at",
                table: "imports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "undone_by",
                table: "imports",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_imports_sha256",
                table: "imports",
                column: "sha256",
                unique: true,
                filter: "undone_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_imports_sha256",
                table: "imports");

            migrationBuilder.DropColumn(
                name: "undone_at",
                table: "imports");

            migrationBuilder.DropColumn(
                name: "undone_by",
                table: "imports");

            migrationBuilder.CreateIndex(
                name: "ix_imports_sha256",
                table: "imports",
                column: "sha256",
                unique: true);
        }
    }
}
