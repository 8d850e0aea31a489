using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ReferralExternalIdentifier : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Referrals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalSystem",
                table: "Referrals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_OrganizationId_CreatedAt_Id",
                table: "Referrals",
                columns: new[] { "OrganizationId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_OrganizationId_ExternalSystem_ExternalId",
                table: "Referrals",
                columns: new[] { "OrganizationId", "ExternalSystem", "ExternalId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_OrganizationId_CreatedAt_Id",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_OrganizationId_ExternalSystem_ExternalId",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ExternalSystem",
                table: "Referrals");
        }
    }
}
