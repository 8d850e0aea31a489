using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IntakeAndFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RuleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", nullable: false),
                    AvoidRegions = table.Column<string>(type: "TEXT", nullable: false),
                    MaxPressure = table.Column<int>(type: "INTEGER", nullable: true),
                    ExcludedTechniques = table.Column<string>(type: "TEXT", nullable: false),
                    PatientText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ClinicianText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DetectedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastConfirmedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClearedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClearedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClearanceReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Findings_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Intakes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", nullable: false),
                    Medications = table.Column<string>(type: "TEXT", nullable: false),
                    OtherConditions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Allergies = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LubricantAllergy = table.Column<bool>(type: "INTEGER", nullable: false),
                    ImplantedDevices = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Preferences = table.Column<string>(type: "TEXT", nullable: false),
                    ConsentToTreatment = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentGivenBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ConsentToDataUse = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Intakes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Intakes_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_PatientId_Status",
                table: "Findings",
                columns: new[] { "PatientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_PatientId_RecordedAt",
                table: "Intakes",
                columns: new[] { "PatientId", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "Intakes");
        }
    }
}
