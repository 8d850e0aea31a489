using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ReportEveryVisits",
                table: "Plans",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ItemLabels",
                table: "MeasureResponses",
                type: "text",
                nullable: false,
                defaultValue: "{}"); // existing responses have no labels: an empty JSON object, not an empty string

            migrationBuilder.CreateTable(
                name: "InstrumentWordings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Instrument = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RightsStatement = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Recall = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ItemText = table.Column<string>(type: "text", nullable: false),
                    OptionLabels = table.Column<string>(type: "text", nullable: false),
                    SuppliedById = table.Column<Guid>(type: "uuid", nullable: false),
                    SuppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstrumentWordings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DraftedBySchedule = table.Column<bool>(type: "boolean", nullable: false),
                    Assessment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Recommendation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Content = table.Column<string>(type: "text", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Recipients = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    AcknowledgedById = table.Column<Guid>(type: "uuid", nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgementNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Instrument = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AtBaseline = table.Column<bool>(type: "boolean", nullable: false),
                    EveryVisits = table.Column<int>(type: "integer", nullable: false),
                    AtDischarge = table.Column<bool>(type: "boolean", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false)
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
