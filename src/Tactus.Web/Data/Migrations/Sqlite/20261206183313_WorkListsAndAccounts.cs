using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkListsAndAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MeasureInvitations_PatientId",
                table: "MeasureInvitations");

            migrationBuilder.AddColumn<long>(
                name: "DeactivatedAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentSessions_OrganizationId_Status_SessionDate",
                table: "TreatmentSessions",
                columns: new[] { "OrganizationId", "Status", "SessionDate" });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureInvitations_OrganizationId_UsedAt_ExpiresAt",
                table: "MeasureInvitations",
                columns: new[] { "OrganizationId", "UsedAt", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureInvitations_PatientId_CreatedAt",
                table: "MeasureInvitations",
                columns: new[] { "PatientId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TreatmentSessions_OrganizationId_Status_SessionDate",
                table: "TreatmentSessions");

            migrationBuilder.DropIndex(
                name: "IX_MeasureInvitations_OrganizationId_UsedAt_ExpiresAt",
                table: "MeasureInvitations");

            migrationBuilder.DropIndex(
                name: "IX_MeasureInvitations_PatientId_CreatedAt",
                table: "MeasureInvitations");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_MeasureInvitations_PatientId",
                table: "MeasureInvitations",
                column: "PatientId");
        }
    }
}
