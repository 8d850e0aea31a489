using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ClaimListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Claims_OrganizationId_Status",
                table: "Claims");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_OrganizationId_CreatedAt",
                table: "Claims",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_OrganizationId_Status_CreatedAt",
                table: "Claims",
                columns: new[] { "OrganizationId", "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Claims_OrganizationId_CreatedAt",
                table: "Claims");

            migrationBuilder.DropIndex(
                name: "IX_Claims_OrganizationId_Status_CreatedAt",
                table: "Claims");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_OrganizationId_Status",
                table: "Claims",
                columns: new[] { "OrganizationId", "Status" });
        }
    }
}
