using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PainBefore",
                table: "TreatmentSessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StressAfter",
                table: "TreatmentSessions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StressBefore",
                table: "TreatmentSessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The four values lived only in the check-in and note JSON; existing visits get them from there once.
            migrationBuilder.Sql("""
                UPDATE "TreatmentSessions" SET "PainBefore" = coalesce(("CheckIn"::jsonb->>'painBefore')::int, 0), "StressBefore" = coalesce(("CheckIn"::jsonb->>'stressBefore')::int, 0),
                    "PainAfter" = ("Note"::jsonb->>'painAfter')::int, "StressAfter" = ("Note"::jsonb->>'stressAfter')::int;
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
