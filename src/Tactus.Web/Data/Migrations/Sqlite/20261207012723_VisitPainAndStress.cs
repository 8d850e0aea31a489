using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitPainAndStress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PainAfter",
                table: "TreatmentSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PainBefore",
                table: "TreatmentSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StressAfter",
                table: "TreatmentSessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StressBefore",
                table: "TreatmentSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The four values lived only in the check-in and note JSON; existing visits get them from there once.
            migrationBuilder.Sql("""
                UPDATE "TreatmentSessions" SET "PainBefore" = coalesce(json_extract("CheckIn", '$.painBefore'), 0), "StressBefore" = coalesce(json_extract("CheckIn", '$.stressBefore'), 0),
                    "PainAfter" = json_extract("Note", '$.painAfter'), "StressAfter" = json_extract("Note", '$.stressAfter');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PainAfter",
                table: "TreatmentSessions");

            migrationBuilder.DropColumn(
                name: "PainBefore",
                table: "TreatmentSessions");

            migrationBuilder.DropColumn(
                name: "StressAfter",
                table: "TreatmentSessions");

            migrationBuilder.DropColumn(
                name: "StressBefore",
                table: "TreatmentSessions");
        }
    }
}
