using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tactus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_OrganizationId_FamilyName_GivenName",
                table: "Patients");

            migrationBuilder.AddColumn<string>(
                name: "FamilyKey",
                table: "Patients",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "GivenKey",
                table: "Patients",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_OrganizationId_FamilyKey_GivenKey",
                table: "Patients",
                columns: new[] { "OrganizationId", "FamilyKey", "GivenKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_OrganizationId_GivenKey",
                table: "Patients",
                columns: new[] { "OrganizationId", "GivenKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_OrganizationId_FamilyKey_GivenKey",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Patients_OrganizationId_GivenKey",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "FamilyKey",
                table: "Patients");

            migrationBuilder.DropColumn(
                name: "GivenKey",
                table: "Patients");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_OrganizationId_FamilyName_GivenName",
                table: "Patients",
                columns: new[] { "OrganizationId", "FamilyName", "GivenName" });
        }
    }
}
