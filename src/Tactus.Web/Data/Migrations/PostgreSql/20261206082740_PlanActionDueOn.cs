using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PlanActionDueOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Plans_OrganizationId_EpisodeOpen_Status_RecertificationDueOn",
                table: "Plans");

            migrationBuilder.RenameColumn(
                name: "RecertificationDueOn",
                table: "Plans",
                newName: "ActionDueOn");

            // Drafts wait on the therapist from their creation, signed plans on the clinician from the signature; a closed
            // episode's plan waits on nobody.
            migrationBuilder.Sql("""
                UPDATE "Plans" SET "ActionDueOn" = ((CASE WHEN "Status" = 'Signed' THEN "SignedAt" ELSE "CreatedAt" END) AT TIME ZONE 'UTC')::date
                WHERE "Status" IN ('Draft', 'Signed');
                UPDATE "Plans" SET "ActionDueOn" = NULL WHERE "EpisodeOpen" = FALSE;
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

            migrationBuilder.RenameColumn(
                name: "ActionDueOn",
                table: "Plans",
                newName: "RecertificationDueOn");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_OrganizationId_EpisodeOpen_Status_RecertificationDueOn",
                table: "Plans",
                columns: new[] { "OrganizationId", "EpisodeOpen", "Status", "RecertificationDueOn" });
        }
    }
}
