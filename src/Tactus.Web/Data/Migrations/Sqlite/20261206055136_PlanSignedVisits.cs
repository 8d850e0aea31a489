using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanSignedVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SignedVisits",
                table: "Plans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing plans take their count of signed visits.
            migrationBuilder.Sql("""
                UPDATE "Plans" SET "SignedVisits" = (SELECT COUNT(*) FROM "TreatmentSessions" AS s WHERE s."PlanId" = "Plans"."Id" AND s."SignedAt" IS NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SignedVisits",
                table: "Plans");
        }
    }
}
