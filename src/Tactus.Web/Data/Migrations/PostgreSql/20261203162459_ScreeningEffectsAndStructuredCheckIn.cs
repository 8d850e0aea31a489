using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ScreeningEffectsAndStructuredCheckIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TreatmentSessions_ReferralId",
                table: "TreatmentSessions");

            migrationBuilder.DropColumn(
                name: "Action",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "Findings");

            migrationBuilder.AddColumn<int>(
                name: "VisitOfDay",
                table: "TreatmentSessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "UpdatedAtCheckIn",
                table: "Intakes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<List<string>>(
                name: "Does",
                table: "Findings",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<List<string>>(
                name: "Gaps",
                table: "Findings",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentSessions_ReferralId_SessionDate_VisitOfDay",
                table: "TreatmentSessions",
                columns: new[] { "ReferralId", "SessionDate", "VisitOfDay" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TreatmentSessions_ReferralId_SessionDate_VisitOfDay",
                table: "TreatmentSessions");

            migrationBuilder.DropColumn(
                name: "VisitOfDay",
                table: "TreatmentSessions");

            migrationBuilder.DropColumn(
                name: "UpdatedAtCheckIn",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "Does",
                table: "Findings");

            migrationBuilder.DropColumn(
                name: "Gaps",
                table: "Findings");

            migrationBuilder.AddColumn<string>(
                name: "Action",
                table: "Findings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Findings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentSessions_ReferralId",
                table: "TreatmentSessions",
                column: "ReferralId");
        }
    }
}
