using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanRecertificationDueOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Plans_OrganizationId_EpisodeOpen_Status",
                table: "Plans");

            migrationBuilder.AddColumn<DateOnly>(
                name: "RecertificationDueOn",
                table: "Plans",
                type: "TEXT",
                nullable: true);

            // Due the day after the re-certification date, or already (since the upgrade, at the latest) when the visits
            // given reached the plan's limit: PlanOfCare.RecertificationDue, stored.
            migrationBuilder.Sql("""
                UPDATE "Plans" SET "RecertificationDueOn" = CASE WHEN "SignedVisits" >= "RecertifyAfterVisits"
                    THEN min(date("RecertifyBy", '+1 day'), date('now')) ELSE date("RecertifyBy", '+1 day') END
                WHERE "Status" = 'Certified' AND "RecertifyBy" IS NOT NULL;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Plans_OrganizationId_EpisodeOpen_Status_RecertificationDueOn",
                table: "Plans",
                columns: new[] { "OrganizationId", "EpisodeOpen", "Status", "RecertificationDueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Plans_OrganizationId_EpisodeOpen_Status_RecertificationDueOn",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "RecertificationDueOn",
                table: "Plans");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_OrganizationId_EpisodeOpen_Status",
                table: "Plans",
                columns: new[] { "OrganizationId", "EpisodeOpen", "Status" });
        }
    }
}
