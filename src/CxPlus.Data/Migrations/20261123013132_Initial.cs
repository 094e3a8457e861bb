using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CxPlus.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    file_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    customer_rows = table.Column<int>(type: "integer", nullable: false),
                    prospect_rows = table.Column<int>(type: "integer", nullable: false),
                    created_sectors = table.Column<string[]>(type: "text[]", nullable: false),
                    created_brands = table.Column<string[]>(type: "text[]", nullable: false),
                    created_waves = table.Column<string[]>(type: "text[]", nullable: false),
                    replaced_rows = table.Column<int>(type: "integer", nullable: false),
                    replaced_imports = table.Column<long[]>(type: "bigint[]", nullable: false),
                    warnings = table.Column<string[]>(type: "text[]", nullable: false),
                    imported_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "responses",
                columns: table => new
                {
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    brand_id = table.Column<int>(type: "integer", nullable: false),
                    respondent_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<short>(type: "smallint", nullable: false),
                    clear_brand_promise = table.Column<short>(type: "smallint", nullable: true),
                    empowered_employees = table.Column<short>(type: "smallint", nullable: true),
                    empowered_customers = table.Column<short>(type: "smallint", nullable: true),
                    lasting_memories = table.Column<short>(type: "smallint", nullable: true),
                    exceptional_delivery = table.Column<short>(type: "smallint", nullable: true),
                    weight = table.Column<double>(type: "double precision", nullable: false),
                    nps = table.Column<short>(type: "smallint", nullable: true),
                    csat = table.Column<short>(type: "smallint", nullable: true),
                    ces = table.Column<short>(type: "smallint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_responses", x => new { x.wave_id, x.brand_id, x.respondent_id });
                    table.CheckConstraint("ck_responses_role", "role IN (0, 1)");
                    table.CheckConstraint("ck_responses_weight", "weight > 0 AND weight < 'Infinity'::float8");
                });

            migrationBuilder.CreateTable(
                name: "sectors",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sectors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "waves",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waves", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "brands",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sector_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_brands", x => x.id);
                    table.ForeignKey(
                        name: "fk_brands_sectors_sector_id",
                        column: x => x.sector_id,
                        principalTable: "sectors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "role_rollups",
                columns: table => new
                {
                    brand_id = table.Column<int>(type: "integer", nullable: false),
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    role = table.Column<short>(type: "smallint", nullable: false),
                    respondents = table.Column<long>(type: "bigint", nullable: false),
                    sums = table.Column<double[]>(type: "double precision[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_rollups", x => new { x.wave_id, x.brand_id, x.role });
                    table.ForeignKey(
                        name: "fk_role_rollups_brands_brand_id",
                        column: x => x.brand_id,
                        principalTable: "brands",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_role_rollups_waves_wave_id",
                        column: x => x.wave_id,
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_brands_sector_id_name",
                table: "brands",
                columns: new[] { "sector_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_imports_sha256",
                table: "imports",
                column: "sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_role_rollups_brand_id",
                table: "role_rollups",
                column: "brand_id");

            migrationBuilder.CreateIndex(
                name: "ix_sectors_name",
                table: "sectors",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_waves_code",
                table: "waves",
                column: "code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropTable(
                name: "responses");

            migrationBuilder.DropTable(
                name: "role_rollups");

            migrationBuilder.DropTable(
                name: "brands");

            migrationBuilder.DropTable(
                name: "waves");

            migrationBuilder.DropTable(
                name: "sectors");
        }
    }
}
