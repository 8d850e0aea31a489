using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferralWorklistRank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WorklistRank",
                table: "Referrals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing referrals take their place in the work-list's order (Referral.WorklistRank).
            migrationBuilder.Sql("""
                UPDATE "Referrals" SET "WorklistRank" =
                    (CASE WHEN "Status" = 'Sent' THEN 0 WHEN "Status" IN ('Declined', 'Discharged', 'Cancelled') THEN 8 ELSE 4 END)
                    + (CASE WHEN "Urgency" = 'Urgent' THEN 0 ELSE 2 END)
                    + (CASE WHEN "SentAt" IS NULL THEN 1 ELSE 0 END);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_OrganizationId_WorklistRank_SentAt_Id",
                table: "Referrals",
                columns: new[] { "OrganizationId", "WorklistRank", "SentAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_OrganizationId_WorklistRank_SentAt_Id",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "WorklistRank",
                table: "Referrals");
        }
    }
}
