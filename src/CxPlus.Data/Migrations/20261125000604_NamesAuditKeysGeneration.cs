using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class NamesAuditKeysGeneration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_waves_code",
                table: "waves");

            migrationBuilder.DropIndex(
                name: "ix_sectors_name",
                table: "sectors");

            migrationBuilder.DropCheckConstraint(
                name: "ck_responses_weight",
                table: "responses");

            migrationBuilder.DropIndex(
                name: "ix_brands_sector_id_name",
                table: "brands");

            migrationBuilder.AddColumn<string>(
                name: "code_key",
                table: "waves",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "name_key",
                table: "sectors",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "name_key",
                table: "brands",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "",
                collation: "C");

            // Existing names get their key here, in SQL; CxPlusStore.MigrateAsync then recomputes
            // every key with Names.Key itself, the one rule, before anything reads them.
            migrationBuilder.Sql("UPDATE waves SET code_key = lower(upper(normalize(btrim(code), NFC)))");
            migrationBuilder.Sql("UPDATE sectors SET name_key = lower(upper(normalize(btrim(name), NFC)))");
            migrationBuilder.Sql("UPDATE brands SET name_key = lower(upper(normalize(btrim(name), NFC)))");

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    target = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "store_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    generation = table.Column<long>(type: "bigint", nullable: false),
                    rollup_layout = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_store_state", x => x.id);
                    table.CheckConstraint("ck_store_state_single_row", "id = 1");
                });

            migrationBuilder.InsertData(
                table: "store_state",
                columns: new[] { "id", "generation", "rollup_layout" },
                values: new object[] { 1, 1L, 0 });

            migrationBuilder.CreateIndex(
                name: "ix_waves_code_key",
                table: "waves",
                column: "code_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sectors_name_key",
                table: "sectors",
                column: "name_key",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_responses_weight",
                table: "responses",
                sql: "weight >= 0.0001 AND weight <= 10000");

            migrationBuilder.CreateIndex(
                name: "ix_brands_sector_id_name_key",
                table: "brands",
                columns: new[] { "sector_id", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_actor_at",
                table: "audit_events",
                columns: new[] { "actor", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_at",
                table: "audit_events",
                column: "at",
                descending: new bool[0]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "store_state");

            migrationBuilder.DropIndex(
                name: "ix_waves_code_key",
                table: "waves");

            migrationBuilder.DropIndex(
                name: "ix_sectors_name_key",
                table: "sectors");

            migrationBuilder.DropCheckConstraint(
                name: "ck_responses_weight",
                table: "responses");

            migrationBuilder.DropIndex(
                name: "ix_brands_sector_id_name_key",
                table: "brands");

            migrationBuilder.DropColumn(
                name: "code_key",
                table: "waves");

            migrationBuilder.DropColumn(
                name: "name_key",
                table: "sectors");

            migrationBuilder.DropColumn(
                name: "name_key",
                table: "brands");

            migrationBuilder.CreateIndex(
                name: "ix_waves_code",
                table: "waves",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sectors_name",
                table: "sectors",
                column: "name",
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_responses_weight",
                table: "responses",
                sql: "weight > 0 AND weight < 'Infinity'::float8");

            migrationBuilder.CreateIndex(
                name: "ix_brands_sector_id_name",
                table: "brands",
                columns: new[] { "sector_id", "name" },
                unique: true);
        }
    }
}
