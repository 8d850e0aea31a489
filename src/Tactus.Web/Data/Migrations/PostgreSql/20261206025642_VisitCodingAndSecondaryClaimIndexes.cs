using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class VisitCodingAndSecondaryClaimIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_VisitCodings_PatientId_PayerId_ServiceDate",
                table: "VisitCodings",
                columns: new[] { "PatientId", "PayerId", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_PrimaryClaimId",
                table: "Claims",
                column: "PrimaryClaimId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VisitCodings_PatientId_PayerId_ServiceDate",
                table: "VisitCodings");

            migrationBuilder.DropIndex(
                name: "IX_Claims_PrimaryClaimId",
                table: "Claims");
        }
    }
}
