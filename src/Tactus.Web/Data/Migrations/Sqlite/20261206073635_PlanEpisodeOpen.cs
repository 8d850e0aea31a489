using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanEpisodeOpen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "EpisodeOpen",
                table: "Plans",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Plans of episodes still open stay on the work-list; a discharged, cancelled or declined referral's do not.
            migrationBuilder.Sql("""
                UPDATE "Plans" SET "EpisodeOpen" = NOT EXISTS (
                    SELECT 1 FROM "Referrals" AS r
                    WHERE r."Id" = "Plans"."ReferralId" AND r."Status" IN ('Discharged', 'Cancelled', 'Declined'));
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Plans_OrganizationId_EpisodeOpen_Status",
                table: "Plans",
                columns: new[] { "OrganizationId", "EpisodeOpen", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Plans_OrganizationId_EpisodeOpen_Status",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "EpisodeOpen",
                table: "Plans");
        }
    }
}
