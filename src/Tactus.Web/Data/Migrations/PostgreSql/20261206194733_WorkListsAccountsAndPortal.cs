using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class WorkListsAccountsAndPortal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MeasureInvitations_PatientId",
                table: "MeasureInvitations");

            migrationBuilder.AddColumn<Guid>(
                name: "RegardingAppointmentId",
                table: "WaitlistEntries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeactivatedAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CareMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromPatient = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CareMessages_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContinuingEducation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<double>(type: "double precision", nullable: false),
                    Topic = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    EnteredById = table.Column<Guid>(type: "uuid", nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContinuingEducation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContinuingEducation_Practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_CareMessages_OrganizationId_FromPatient_ReadAt",
                table: "CareMessages",
                columns: new[] { "OrganizationId", "FromPatient", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CareMessages_PatientId_SentAt",
                table: "CareMessages",
                columns: new[] { "PatientId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ContinuingEducation_PractitionerId_CompletedOn",
                table: "ContinuingEducation",
                columns: new[] { "PractitionerId", "CompletedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CareMessages");

            migrationBuilder.DropTable(
                name: "ContinuingEducation");

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
                name: "RegardingAppointmentId",
                table: "WaitlistEntries");

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
