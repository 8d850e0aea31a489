using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class IndexedWorkLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TreatmentSessions_PlanId",
                table: "TreatmentSessions");

            migrationBuilder.AddColumn<int>(
                name: "WorstAdverseEvent",
                table: "TreatmentSessions",
                type: "integer",
                nullable: true);

            // Notes signed before this column existed: their worst adverse event, read from the note's JSON
            // (severity names as JsonColumn writes them; AdverseSeverity Mild=0, Moderate=1, Severe=2).
            migrationBuilder.Sql("""
                UPDATE "TreatmentSessions" SET "WorstAdverseEvent" = (SELECT MAX(CASE e ->> 'severity' WHEN 'Mild' THEN 0 WHEN 'Moderate' THEN 1 WHEN 'Severe' THEN 2 END) FROM jsonb_array_elements(("Note")::jsonb -> 'adverseEvents') AS e);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentSessions_OrganizationId_WorstAdverseEvent_SessionD~",
                table: "TreatmentSessions",
                columns: new[] { "OrganizationId", "WorstAdverseEvent", "SessionDate" });

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentSessions_PlanId_SignedAt",
                table: "TreatmentSessions",
                columns: new[] { "PlanId", "SignedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Authorizations_OrganizationId_EndsOn",
                table: "Authorizations",
                columns: new[] { "OrganizationId", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OrganizationId_Sequence",
                table: "AuditEntries",
                columns: new[] { "OrganizationId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TreatmentSessions_OrganizationId_WorstAdverseEvent_SessionD~",
                table: "TreatmentSessions");

            migrationBuilder.DropIndex(
                name: "IX_TreatmentSessions_PlanId_SignedAt",
                table: "TreatmentSessions");

            migrationBuilder.DropIndex(
                name: "IX_Authorizations_OrganizationId_EndsOn",
                table: "Authorizations");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_OrganizationId_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "WorstAdverseEvent",
                table: "TreatmentSessions");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentSessions_PlanId",
                table: "TreatmentSessions",
                column: "PlanId");
        }
    }
}
