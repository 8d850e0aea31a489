using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PlanEpisodeAndNextActionDue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ActionDueOn",
                table: "Plans",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EpisodeOpen",
                table: "Plans",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Plans of episodes still open stay on the work-list; a discharged, cancelled or declined referral's do not.
            // The next action of an open episode's plan falls due as PlanOfCare.ActionDueOn says: a draft from its
            // creation, a signed plan from its signature, a certified plan the day after its re-certification date, or
            // already (since the upgrade at the latest) when its visits reached the limit. A closed one's has none.
            migrationBuilder.Sql("""
                UPDATE "Plans" SET "EpisodeOpen" = NOT EXISTS (
                    SELECT 1 FROM "Referrals" AS r
                    WHERE r."Id" = "Plans"."ReferralId" AND r."Status" IN ('Discharged', 'Cancelled', 'Declined'));
                UPDATE "Plans" SET "ActionDueOn" = CASE
                    WHEN "Status" IN ('Draft', 'Signed')
                        THEN ((CASE WHEN "Status" = 'Signed' THEN "SignedAt" ELSE "CreatedAt" END) AT TIME ZONE 'UTC')::date
                    WHEN "SignedVisits" >= "RecertifyAfterVisits" THEN LEAST("RecertifyBy" + 1, CURRENT_DATE)
                    ELSE "RecertifyBy" + 1 END
                WHERE "EpisodeOpen" = TRUE;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Plans_OrganizationId_EpisodeOpen_ActionDueOn",
                table: "Plans",
                columns: new[] { "OrganizationId", "EpisodeOpen", "ActionDueOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Plans_OrganizationId_EpisodeOpen_ActionDueOn",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "ActionDueOn",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "EpisodeOpen",
                table: "Plans");
        }
    }
}
