using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportsSchedulesWording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReportEveryDays",
                table: "Plans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ReportEveryVisits",
                table: "Plans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ItemLabels",
                table: "MeasureResponses",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}"); // existing responses have no labels: an empty JSON object, not an empty string

            migrationBuilder.CreateTable(
                name: "InstrumentWordings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RightsStatement = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Recall = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ItemText = table.Column<string>(type: "TEXT", nullable: false),
                    OptionLabels = table.Column<string>(type: "TEXT", nullable: false),
                    SuppliedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    SuppliedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstrumentWordings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DraftedBySchedule = table.Column<bool>(type: "INTEGER", nullable: false),
                    Assessment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Recommendation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Recipients = table.Column<string>(type: "TEXT", nullable: false),
                    AcknowledgedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgementNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutcomeReports_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanMeasureSchedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AtBaseline = table.Column<bool>(type: "INTEGER", nullable: false),
                    EveryVisits = table.Column<int>(type: "INTEGER", nullable: false),
                    AtDischarge = table.Column<bool>(type: "INTEGER", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanMeasureSchedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanMeasureSchedules_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InstrumentWordings_OrganizationId_Instrument",
                table: "InstrumentWordings",
                columns: new[] { "OrganizationId", "Instrument" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeReports_OrganizationId_Status",
                table: "OutcomeReports",
                columns: new[] { "OrganizationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeReports_ReferralId_CreatedAt",
                table: "OutcomeReports",
                columns: new[] { "ReferralId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanMeasureSchedules_PlanId",
                table: "PlanMeasureSchedules",
                column: "PlanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstrumentWordings");

            migrationBuilder.DropTable(
                name: "OutcomeReports");

            migrationBuilder.DropTable(
                name: "PlanMeasureSchedules");

            migrationBuilder.DropColumn(
                name: "ReportEveryDays",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "ReportEveryVisits",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "ItemLabels",
                table: "MeasureResponses");
        }
    }
}
